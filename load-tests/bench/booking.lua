-- wrk script: hold then confirm. Each request is either a 2-seat hold on a random booking
-- show as a random user, or, when a hold of this thread is waiting, the confirmation of that
-- hold (POST /api/v1/bookings with tok_ok and a fresh Idempotency-Key) as the same user.
--
--   wrk ... -s booking.lua URL -- TOKENS_FILE SHOWS_FILE ROWS SEATS_PER_ROW
--
-- wrk shares one Lua state among the connections of a thread and response() does not say
-- which request it answers, so holds are matched by what their answer names (show and
-- seats) to the user who asked, and queued per thread for request() to confirm.
-- Prints "statuses: ok=N conflicts=N other=N" (201 to holds and confirmations, 409, anything
-- else) and "booking: bookings=N holds=N seconds=S bookings_per_s=R" (201 to confirmations).
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "common.lua")

bookings, holds, conflicts, other = 0, 0, 0, 0
local queue, first, last = {}, 1, 0 -- holds to confirm, {hold, token}, first in first out
local asked = {} -- "showId/seat" of holds in flight -> token of the user who asked
local confirmations = 0
local run_tag

function init(args)
	tokens, shows = read_lines(args[1]), read_lines(args[2])
	rows, seats_per_row = tonumber(args[3]), tonumber(args[4])
	-- Keys must be fresh across wrk runs too: the same key with another body is refused.
	run_tag = string.format("%.0f", seed_random())
end

function request()
	if first <= last then
		local waiting = queue[first]
		queue[first] = nil
		first = first + 1
		confirmations = confirmations + 1
		return wrk.format("POST", "/api/v1/bookings", {
			["Content-Type"] = "application/json",
			["Authorization"] = "Bearer " .. waiting.token,
			["Idempotency-Key"] = string.format("bench-%s-%d-%d", run_tag, thread_id, confirmations),
		}, string.format('{"holdId":"%s","payment":{"token":"tok_ok"}}', waiting.hold))
	end
	local show = shows[math.random(#shows)]
	local token = tokens[math.random(#tokens)]
	local body, seat = random_pair(rows, seats_per_row)
	asked[show .. "/" .. seat] = token
	return wrk.format("POST", "/api/v1/shows/" .. show .. "/holds", {
		["Content-Type"] = "application/json",
		["Authorization"] = "Bearer " .. token,
	}, body)
end

-- The first of the two seats of a hold answer, whatever order the service lists them in.
local function first_seat(body)
	local list = body:match('"seatIds"%s*:%s*%[([^%]]*)%]')
	if not list then
		return nil
	end
	local lowest, row
	for seat in list:gmatch('"([^"]+)"') do
		local r, n = seat:match("^(.+)-(%d+)$")
		n = tonumber(n)
		if n and (lowest == nil or n < lowest) then
			lowest, row = n, r
		end
	end
	return row and (row .. "-" .. lowest)
end

function response(status, headers, body)
	if status == 201 and body:find('"bookingId"', 1, true) then
		bookings = bookings + 1
	elseif status == 201 then
		local hold = body:match('"holdId"%s*:%s*"([^"]+)"')
		local show = body:match('"showId"%s*:%s*"([^"]+)"')
		local seat = first_seat(body)
		local key = show and seat and (show .. "/" .. seat)
		local token = key and asked[key]
		if hold and token then
			asked[key] = nil
			holds = holds + 1
			last = last + 1
			queue[last] = { hold = hold, token = token }
		else
			other = other + 1
		end
	elseif status == 409 then
		conflicts = conflicts + 1
	else
		other = other + 1
	end
end

function done(summary, latency, requests)
	local seconds = summary.duration / 1e6
	local booked = sum("bookings")
	io.write(string.format("statuses: ok=%d conflicts=%d other=%d\n", booked + sum("holds"), sum("conflicts"), sum("other")))
	io.write(string.format("booking: bookings=%d holds=%d seconds=%.2f bookings_per_s=%.1f\n",
		booked, sum("holds"), seconds, booked / seconds))
end
