-- Loads a show's booked seats read from PostgreSQL, marks the set as loaded and gives it a TTL
-- so that a set that drifted (a cancel racing a warm-up) heals itself by being reloaded.
-- KEYS[1] booked:{show}; ARGV[1] ttl in ms; ARGV[2..] booked seat ids
redis.call('SADD', KEYS[1], '__loaded__')
for i = 2, #ARGV do
  redis.call('SADD', KEYS[1], ARGV[i])
end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 1
