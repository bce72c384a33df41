-- Releases a hold: deletes only seat keys whose value is still this hold's id (a seat that
-- expired and was taken by someone else stays theirs), and the hold record.
-- KEYS[1] booked:{show}, KEYS[2] holdrec:{show}:<holdId>, KEYS[3..] hold:{show}:<seatId>
-- ARGV[1] hold id, ARGV[2..] seat ids (as KEYS[3..])
-- Returns the seats that are now free because of this release: those it deleted, and those
-- whose key had already expired and that nobody has held or booked since.
local freed = {}
for i = 3, #KEYS do
  local seat = ARGV[i - 1]
  local holder = redis.call('GET', KEYS[i])
  if holder == ARGV[1] then
    redis.call('DEL', KEYS[i])
    freed[#freed + 1] = seat
  elseif not holder and redis.call('SISMEMBER', KEYS[1], seat) == 0 then
    freed[#freed + 1] = seat
  end
end
redis.call('DEL', KEYS[2])
return freed
