-- A waiting-list offer: a hold in the entry owner's name on seats set aside for the waiting
-- list, or free, all of them or none. No cap: the owner asked for these seats by waiting.
-- KEYS as hold-seats.lua: booked, holdrec, held, ver, userheld, waiting, parked, seat keys
-- ARGV[1] hold id, ARGV[2] ttl in ms, ARGV[3] hold record JSON, ARGV[4..] seat ids (as KEYS[8..])
-- Returns {'TAKEN', seat...} when a seat is held by someone or booked, else {'HELD', expiry}.
local taken = {'TAKEN'}
for i = 8, #KEYS do
  local seat = ARGV[i - 4]
  local holder = redis.call('GET', KEYS[i])
  if (holder and holder ~= 'waitlist') or redis.call('SISMEMBER', KEYS[1], seat) == 1 then
    taken[#taken + 1] = seat
  end
end
if #taken > 1 then
  return taken
end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local ttl = tonumber(ARGV[2])
local expiry = now + ttl
for i = 8, #KEYS do
  redis.call('SET', KEYS[i], ARGV[1], 'PX', ttl)
  redis.call('ZADD', KEYS[3], expiry, ARGV[i - 4])
  redis.call('ZADD', KEYS[5], expiry, ARGV[i - 4])
  redis.call('SREM', KEYS[7], ARGV[i - 4])
end
if redis.call('PTTL', KEYS[5]) < ttl then
  redis.call('PEXPIRE', KEYS[5], ttl)
end
redis.call('SET', KEYS[2], ARGV[3], 'PX', ttl)
redis.call('INCR', KEYS[4])
return {'HELD', tostring(expiry)}
