-- One round trip for a whole seat map, whatever the hall size.
-- KEYS[1] booked:{show}, KEYS[2..] hold:{show}:<seatId> for every seat of the hall
-- Returns {'COLD'} when the booked set must be warmed first, else {'OK', booked seat ids...,
-- '|', held flags...} where the flags are '1' or '0' in the order of KEYS[2..].
if redis.call('SISMEMBER', KEYS[1], '__loaded__') == 0 then
  return {'COLD'}
end
local result = {'OK'}
for _, seat in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  if seat ~= '__loaded__' then
    result[#result + 1] = seat
  end
end
result[#result + 1] = '|'
for i = 2, #KEYS do
  result[#result + 1] = tostring(redis.call('EXISTS', KEYS[i]))
end
return result
