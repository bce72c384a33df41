-- Releases a hold: deletes only seat keys whose value is still this hold's id (a seat that
-- expired and was taken by someone else stays theirs), and the hold record.
-- KEYS[1] booked:{show}, KEYS[2] holdrec:{show}:<holdId>, KEYS[3] held:{show}, KEYS[4] ver:{show},
-- KEYS[5] userheld:{show}:<userId>, KEYS[6..] hold:{show}:<seatId>
-- ARGV[1] hold id, ARGV[2..] seat ids (as KEYS[6..])
-- Returns the seats that are now free because of this release: those it deleted, and those
-- whose key had already expired and that nobody has held or booked since. The seat-map
-- version moves when any seat was freed.
local freed = {}
for i = 6, #KEYS do
  local seat = ARGV[i - 4]
  local holder = redis.call('GET', KEYS[i])
  if holder == ARGV[1] then
    redis.call('DEL', KEYS[i])
  end
  if holder == ARGV[1] or not holder then
    -- No key means whichever hold had the seat has run out: its index entries go too.
    redis.call('ZREM', KEYS[3], seat)
    redis.call('ZREM', KEYS[5], seat)
    if redis.call('SISMEMBER', KEYS[1], seat) == 0 then
      freed[#freed + 1] = seat
    end
  end
end
redis.call('DEL', KEYS[2])
if #freed > 0 then
  redis.call('INCR', KEYS[4])
end
return freed
