-- A show's seat states in one round trip, in proportion to the seats booked and held, not to
-- the hall: the booked set plus the held index.
-- KEYS[1] booked:{show}, KEYS[2] held:{show}, KEYS[3] ver:{show}, KEYS[4] waiting:{show}
-- Returns {'COLD'} when the booked set must be warmed first, else
-- {'OK', version, ms until the next hold runs out (-1: none), booked seat ids..., '|', held seat ids...}
-- While people wait, a seat whose hold ran out but was not swept yet stays held: it goes to the
-- waiting list first.
if redis.call('SISMEMBER', KEYS[1], '__loaded__') == 0 then
  return {'COLD'}
end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local waiting = tonumber(redis.call('GET', KEYS[4]) or '0') > 0
local from = waiting and '-inf' or ('(' .. now)
local held = redis.call('ZRANGEBYSCORE', KEYS[2], from, '+inf', 'WITHSCORES')
local result = {'OK', redis.call('GET', KEYS[3]) or '0', '-1'}
if not waiting then
  if #held > 0 then
    result[3] = tostring(tonumber(held[2]) - now)
  end
end
for _, seat in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  if seat ~= '__loaded__' then
    result[#result + 1] = seat
  end
end
result[#result + 1] = '|'
for i = 1, #held, 2 do
  result[#result + 1] = held[i]
end
return result
