-- The seats a waiting-list offer may take besides the free ones: those set aside for the
-- waiting list, and those whose hold ran out but was not swept yet (the public cannot take
-- them while people wait).
-- KEYS[1] held:{show}, KEYS[2] parked:{show}
-- Returns the seat ids.
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local seats = redis.call('SMEMBERS', KEYS[2])
for _, seat in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now)) do
  seats[#seats + 1] = seat
end
return seats
