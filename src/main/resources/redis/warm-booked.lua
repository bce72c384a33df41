-- Loads a show's booked seats read from PostgreSQL, marks the set as loaded and gives it a TTL
-- so that a set that drifted (a cancel racing a warm-up) heals itself by being reloaded. A cold
-- set means Redis lost the show's state (a restart, or the first touch): the seat-map version
-- starts again from a random value, so no instance mistakes a new state for one it cached.
-- KEYS[1] booked:{show}, KEYS[2] ver:{show}; ARGV[1] ttl in ms, ARGV[2] fresh version,
-- ARGV[3..] booked seat ids
redis.call('SADD', KEYS[1], '__loaded__')
for i = 3, #ARGV do
  redis.call('SADD', KEYS[1], ARGV[i])
end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
redis.call('SET', KEYS[2], ARGV[2])
return 1
