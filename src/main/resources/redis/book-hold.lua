-- After a booking is committed in PostgreSQL: its seats join the booked set and its hold goes,
-- in one step, so no seat map ever shows them free in between. Safe to run again (a replayed
-- confirmation does): every step is idempotent.
-- KEYS[1] booked:{show}, KEYS[2] holdrec:{show}:<holdId>, KEYS[3] held:{show}, KEYS[4] ver:{show},
-- KEYS[5] userheld:{show}:<userId>, KEYS[6..] hold:{show}:<seatId>
-- ARGV[1] hold id, ARGV[2..] seat ids (as KEYS[6..])
for i = 6, #KEYS do
  local seat = ARGV[i - 4]
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
