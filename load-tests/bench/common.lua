-- Shared by holds.lua and booking.lua (loaded with dofile; wrk gives each thread its own
-- Lua state, so every thread runs this file once).

-- The lines of a file, as a table.
function read_lines(path)
	local lines = {}
	local file = assert(io.open(path, "r"), "cannot read " .. path)
	for line in file:lines() do
		if line ~= "" then
			lines[#lines + 1] = line
		end
	end
	file:close()
	assert(#lines > 0, path .. " is empty")
	return lines
end

-- Every thread's Lua state starts with the same random sequence: without a seed of its own,
-- all threads would ask for the same seats in the same order and mostly collide.
function seed_random()
	local file = assert(io.open("/dev/urandom", "rb"))
	local bytes = file:read(4)
	file:close()
	local seed = 0
	for i = 1, 4 do
		seed = seed * 256 + bytes:byte(i)
	end
	math.randomseed(seed)
	return seed
end

-- Row i of a hall, labelled like spreadsheet columns, as bench.sh provisions them: A..Z,
-- then AA..AZ, BA..BZ, ... (the service takes 1 to 3 capitals or digits).
function row_label(i)
	if i <= 26 then
		return string.char(64 + i)
	end
	return string.char(64 + math.floor((i - 1) / 26)) .. string.char(65 + (i - 1) % 26)
end

-- Two adjacent seats in a random row, as a hold body and a key that does not depend on
-- the order in which the service lists them.
function random_pair(rows, seats_per_row)
	local row = row_label(math.random(rows))
	local n = math.random(seats_per_row - 1)
	local body = string.format('{"seatIds":["%s-%d","%s-%d"]}', row, n, row, n + 1)
	return body, row .. "-" .. n
end

-- setup() runs in the main state, once per thread before it starts; done() reads the
-- threads' counters back from there.
threads = {}
local next_id = 0

function setup(thread)
	next_id = next_id + 1
	thread:set("thread_id", next_id)
	threads[#threads + 1] = thread
end

function sum(name)
	local total = 0
	for _, thread in ipairs(threads) do
		total = total + (thread:get(name) or 0)
	end
	return total
end
