-- Releases a hold: deletes only seat keys whose value is still this hold's id (a seat that
-- expired and was taken by someone else stays theirs), and the hold record. While people
-- wait for the show, the freed seats are set aside for the waiting list instead of going
-- back on sale: the waiting list gets them first.
-- KEYS as hold-seats.lua: booked, holdrec, held, ver, userheld, waiting, parked, seat keys
-- ARGV[1] hold id, ARGV[2] how long a seat stays set aside (ms), ARGV[3..] seat ids (as KEYS[8..])
-- Returns {seats now free..., '|', seats set aside...}: those it deleted, and those whose key
-- had already expired and that nobody has held or booked since. The seat-map version moves
-- when any seat changed.
local waiting = tonumber(redis.call('GET', KEYS[6]) or '0') > 0
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local park = tonumber(ARGV[2])
local freed = {}
local parked = {}
for i = 8, #KEYS do
  local seat = ARGV[i - 5]
  local holder = redis.call('GET', KEYS[i])
  if holder == ARGV[1] then
    redis.call('DEL', KEYS[i])
  end
  if holder == ARGV[1] or not holder then
    redis.call('ZREM', KEYS[5], seat)
    if redis.call('SISMEMBER', KEYS[1], seat) == 1 then
      redis.call('ZREM', KEYS[3], seat)
    elseif waiting then
      redis.call('SET', KEYS[i], 'waitlist', 'PX', park)
      redis.call('ZADD', KEYS[3], now + park, seat)
      redis.call('SADD', KEYS[7], seat)
      parked[#parked + 1] = seat
    else
      -- No key means whichever hold had the seat has run out: its index entries go too.
      redis.call('ZREM', KEYS[3], seat)
      freed[#freed + 1] = seat
    end
  end
end
redis.call('DEL', KEYS[2])
if #freed + #parked > 0 then
  redis.call('INCR', KEYS[4])
end
freed[#freed + 1] = '|'
for _, seat in ipairs(parked) do
  freed[#freed + 1] = seat
end
return freed
