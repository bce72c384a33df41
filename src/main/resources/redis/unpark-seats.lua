-- Puts seats set aside for the waiting list back on sale: those no waiting entry could use.
-- A seat still set aside (or whose setting aside ran out) becomes free; one already offered
-- or held is left alone.
-- KEYS[1] held:{show}, KEYS[2] ver:{show}, KEYS[3] parked:{show}, KEYS[4..] hold:{show}:<seatId>
-- ARGV seat ids (as KEYS[4..])
-- Returns the seats now free.
local freed = {}
for i = 4, #KEYS do
  local seat = ARGV[i - 3]
  local holder = redis.call('GET', KEYS[i])
  if holder == 'waitlist' or not holder then
    redis.call('DEL', KEYS[i])
    redis.call('ZREM', KEYS[1], seat)
    freed[#freed + 1] = seat
  end
  redis.call('SREM', KEYS[3], seat)
end
if #freed > 0 then
  redis.call('INCR', KEYS[2])
end
return freed
