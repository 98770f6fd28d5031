-- wrk script for bench/serve-load.sh: POST /v1/quote with each body of a file of
-- request lines in turn (one request per line), each thread starting at its own
-- offset. `wrk ... -s bench/serve-quote.lua URL -- BODIES [DEPTH]`: DEPTH > 1
-- sends that many requests at once on a connection (HTTP pipelining); wrk counts
-- each answer as a request.
local bodies = {}
local depth = 1
local index = 0
local counter = 0

function setup(thread)
   counter = counter + 1
   thread:set("offset", counter * 97)
end

function init(args)
   local path = args[1] or "bench/serve-bodies.jsonl"
   depth = tonumber(args[2] or "1")
   for line in io.lines(path) do
      if #line > 0 then bodies[#bodies + 1] = line end
   end
   index = (offset or 0) % #bodies
end

local headers = { ["Content-Type"] = "application/json" }

function request()
   local parts = {}
   for i = 1, depth do
      index = index % #bodies + 1
      parts[i] = wrk.format("POST", "/v1/quote", headers, bodies[index])
   end
   return table.concat(parts)
end
-- No response() callback: it would make wrk parse and call Lua for every answer.
-- wrk prints "Non-2xx or 3xx responses" itself when there are any.
