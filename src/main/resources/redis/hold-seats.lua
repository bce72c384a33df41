-- Takes every requested seat of one show for one hold, or none.
-- KEYS[1]   booked:{show}            set of booked seat ids, with the member '__loaded__' once
--                                    it has been warmed from PostgreSQL
-- KEYS[2]   holdrec:{show}:<holdId>  the hold record (JSON)
-- KEYS[3..] hold:{show}:<seatId>     one key per seat, value = hold id
-- ARGV[1] hold id, ARGV[2] ttl in ms, ARGV[3] hold record JSON, ARGV[4..] seat ids (as KEYS[3..])
-- Returns {'COLD'} when the booked set must be warmed first, {'TAKEN', seat...} listing every
-- requested seat that is held or booked, or {'HELD'}.
-- All keys share the {show} hash tag, so this runs in one Redis Cluster slot.
if redis.call('SISMEMBER', KEYS[1], '__loaded__') == 0 then
  return {'COLD'}
end
local taken = {'TAKEN'}
for i = 3, #KEYS do
  local seat = ARGV[i + 1]
  if redis.call('EXISTS', KEYS[i]) == 1 or redis.call('SISMEMBER', KEYS[1], seat) == 1 then
    taken[#taken + 1] = seat
  end
end
if #taken > 1 then
  return taken
end
for i = 3, #KEYS do
  redis.call('SET', KEYS[i], ARGV[1], 'PX', ARGV[2])
end
redis.call('SET', KEYS[2], ARGV[3], 'PX', ARGV[2])
return {'HELD'}
