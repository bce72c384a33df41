-- Takes every requested seat of one show for one hold, or none.
-- KEYS[1]   booked:{show}                set of booked seat ids, with the member '__loaded__'
--                                        once it has been warmed from PostgreSQL
-- KEYS[2]   holdrec:{show}:<holdId>      the hold record (JSON)
-- KEYS[3]   held:{show}                  sorted set: held seat -> expiry (ms, Redis time), the
--                                        index that makes a seat map cost the held seats, not
--                                        the hall
-- KEYS[4]   ver:{show}                   the show's seat-map version, advanced by every change
-- KEYS[5]   userheld:{show}:<userId>     sorted set: this user's held seats -> expiry
-- KEYS[6]   waiting:{show}               how many waiting-list entries wait for this show
-- KEYS[7]   parked:{show}                seats set aside for the waiting list
-- KEYS[8..] hold:{show}:<seatId>         one key per seat, value = hold id, set only if absent
-- ARGV[1] hold id, ARGV[2] ttl in ms, ARGV[3] hold record JSON,
-- ARGV[4] most seats one user may hold of this show (0: no cap), ARGV[5..] seat ids (as KEYS[8..])
-- Returns {'COLD'} when the booked set must be warmed first; {'TAKEN', seat...} listing every
-- requested seat that is held, booked or set aside for the waiting list; {'LIMIT', seats
-- already held} when the user's cap would be passed; or {'HELD', expiry}.
-- All keys share the {show} hash tag, so this runs in one Redis Cluster slot.
if redis.call('SISMEMBER', KEYS[1], '__loaded__') == 0 then
  return {'COLD'}
end
-- While people wait, a seat whose hold ran out but was not yet swept is theirs: the sweep
-- sets it aside for them, and no public hold may slip in between.
local waiting = tonumber(redis.call('GET', KEYS[6]) or '0') > 0
local taken = {'TAKEN'}
for i = 8, #KEYS do
  local seat = ARGV[i - 3]
  if redis.call('EXISTS', KEYS[i]) == 1 or redis.call('SISMEMBER', KEYS[1], seat) == 1
      or (waiting and redis.call('ZSCORE', KEYS[3], seat)) then
    taken[#taken + 1] = seat
  end
end
if #taken > 1 then
  return taken
end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local ttl = tonumber(ARGV[2])
local cap = tonumber(ARGV[4])
if cap > 0 then
  redis.call('ZREMRANGEBYSCORE', KEYS[5], '-inf', now)
  local held = redis.call('ZCARD', KEYS[5])
  if held + (#KEYS - 7) > cap then
    return {'LIMIT', tostring(held)}
  end
end
local expiry = now + ttl
for i = 8, #KEYS do
  redis.call('SET', KEYS[i], ARGV[1], 'PX', ttl)
  redis.call('ZADD', KEYS[3], expiry, ARGV[i - 3])
  redis.call('ZADD', KEYS[5], expiry, ARGV[i - 3])
end
-- The user's set lives as long as their longest hold.
if redis.call('PTTL', KEYS[5]) < ttl then
  redis.call('PEXPIRE', KEYS[5], ttl)
end
redis.call('SET', KEYS[2], ARGV[3], 'PX', ttl)
redis.call('INCR', KEYS[4])
return {'HELD', tostring(expiry)}
