-- How many waiting-list entries wait for a show. Whether anyone waits changes what a seat map
-- shows (a hold that ran out stays held for them until swept), so the version moves with it.
-- KEYS[1] waiting:{show}, KEYS[2] ver:{show}; ARGV[1] the number of entries; ARGV[2]
-- 'at-least' when ARGV[1] is a floor (a join: someone waits now) rather than the count
local before = tonumber(redis.call('GET', KEYS[1]) or '0')
local after = tonumber(ARGV[1])
if ARGV[2] == 'at-least' and before > after then
  after = before
end
if after > 0 then
  redis.call('SET', KEYS[1], after)
else
  redis.call('DEL', KEYS[1])
end
if (before > 0) ~= (after > 0) then
  redis.call('INCR', KEYS[2])
end
return 1
