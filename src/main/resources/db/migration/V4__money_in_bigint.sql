-- Money in minor units as bigint: the sum of a hold's seat prices can pass 2^31 (two seats at
-- the largest price a show may ask), and an integer column would refuse or wrap it.
alter table bookings alter column total_price type bigint;
alter table simulated_payments alter column amount type bigint;
