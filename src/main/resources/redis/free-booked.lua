-- After a cancellation is committed in PostgreSQL: its seats leave the booked set.
-- KEYS[1] booked:{show}, KEYS[2] ver:{show}; ARGV seat ids
for i = 1, #ARGV do
  redis.call('SREM', KEYS[1], ARGV[i])
end
redis.call('INCR', KEYS[2])
return 1
