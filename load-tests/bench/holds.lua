-- wrk script: POST a hold of two adjacent seats, in a random row of a random show, as a
-- random user. Used by bench.sh for the hold-10k and hold-500 pairs.
--
--   wrk ... -s holds.lua URL -- MODE TOKENS_FILE SHOWS_FILE ROWS SEATS_PER_ROW
--
-- MODE "boxoffice" posts to /api/v1/shows/{show}/holds; "floor" to /holds, with the same
-- headers and body. Rows are labelled A..Z, AA..AZ, BA..
-- Prints "statuses: ok=N conflicts=N other=N" (201, 409, anything else) at the end.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "common.lua")

ok, conflicts, other = 0, 0, 0

function init(args)
	mode = args[1]
	tokens, shows = read_lines(args[2]), read_lines(args[3])
	rows, seats_per_row = tonumber(args[4]), tonumber(args[5])
	seed_random()
end

function request()
	local path = "/holds"
	if mode == "boxoffice" then
		path = "/api/v1/shows/" .. shows[math.random(#shows)] .. "/holds"
	end
	local body = random_pair(rows, seats_per_row)
	return wrk.format("POST", path, {
		["Content-Type"] = "application/json",
		["Authorization"] = "Bearer " .. tokens[math.random(#tokens)],
	}, body)
end

function response(status, headers, body)
	if status == 201 then
		ok = ok + 1
	elseif status == 409 then
		conflicts = conflicts + 1
	else
		other = other + 1
	end
end

function done(summary, latency, requests)
	io.write(string.format("statuses: ok=%d conflicts=%d other=%d\n", sum("ok"), sum("conflicts"), sum("other")))
end
