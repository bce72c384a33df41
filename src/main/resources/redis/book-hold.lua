-- After a booking is committed in PostgreSQL: its seats join the booked set and its hold goes,
-- in one step, so no seat map ever shows them free in between. Safe to run again (a replayed
-- confirmation does): every step is idempotent.
-- KEYS as hold-seats.lua: booked, holdrec, held, ver, userheld, waiting, parked, seat keys
-- ARGV[1] hold id, ARGV[2..] seat ids (as KEYS[8..])
for i = 8, #KEYS do
  local seat = ARGV[i - 6]
  redis.call('SADD', KEYS[1], seat)
  local holder = redis.call('GET', KEYS[i])
  if holder == ARGV[1] then
    redis.call('DEL', KEYS[i])
  end
  if holder == ARGV[1] or not holder then
    redis.call('ZREM', KEYS[3], seat)
    redis.call('ZREM', KEYS[5], seat)
  end
end
redis.call('DEL', KEYS[2])
redis.call('INCR', KEYS[4])
return 1
