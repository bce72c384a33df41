-- After a cancellation is committed in PostgreSQL: its seats leave the booked set, and go back
-- on sale, or, while people wait for the show, are set aside for the waiting list.
-- KEYS[1] booked:{show}, KEYS[2] held:{show}, KEYS[3] ver:{show}, KEYS[4] waiting:{show},
-- KEYS[5] parked:{show}, KEYS[6..] hold:{show}:<seatId>
-- ARGV[1] how long a seat stays set aside (ms), ARGV[2..] seat ids (as KEYS[6..])
-- Returns {seats now free..., '|', seats set aside...}.
local waiting = tonumber(redis.call('GET', KEYS[4]) or '0') > 0
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local park = tonumber(ARGV[1])
local freed = {}
local parked = {}
for i = 6, #KEYS do
  local seat = ARGV[i - 4]
  redis.call('SREM', KEYS[1], seat)
  if waiting and redis.call('EXISTS', KEYS[i]) == 0 then
    redis.call('SET', KEYS[i], 'waitlist', 'PX', park)
    redis.call('ZADD', KEYS[2], now + park, seat)
    redis.call('SADD', KEYS[5], seat)
    parked[#parked + 1] = seat
  else
    freed[#freed + 1] = seat
  end
end
redis.call('INCR', KEYS[3])
freed[#freed + 1] = '|'
for _, seat in ipairs(parked) do
  freed[#freed + 1] = seat
end
return freed
