-- wrk script: replays one signed KMS request (written by kms_signed_request.py).
-- Environment: HDRS = headers.txt, BODY = body.json.
-- wrk prints "Non-2xx or 3xx responses: N" when answers fail (an expired signature, a wrong key id): a run
-- with that line measured error responses, not the operation.
-- COUNT_STATUS=1 (the quota check) also sorts every answer, per wall-clock second: 200, ThrottlingException, or
-- anything else, and prints one line per second and the totals when wrk is done. Reading each body costs wrk
-- time, so throughput runs leave it unset.
local prebuilt
local threads = {}

local function env(name)
   local value = os.getenv(name)
   assert(value, name .. " not set")
   return value
end

function setup(thread)
   table.insert(threads, thread)
end

function init(args)
   local headers = {}
   -- Pass io.lines/io.open only the path: assert() returns all its arguments, and a second one is read as
   -- a format/mode ("invalid format").
   for line in io.lines(env("HDRS")) do
      local k, v = line:match("^([^:]+):%s*(.-)%s*$")
      if k then headers[k] = v end
   end
   local f = assert(io.open(env("BODY"), "r"))
   local body = f:read("*a")
   f:close()
   prebuilt = wrk.format("POST", "/", headers, body)
end

function request()
   return prebuilt
end

if os.getenv("COUNT_STATUS") then
   accepted = {}    -- second -> 200 answers (per thread; merged in done)
   throttled = {}   -- second -> 400 ThrottlingException answers
   other = 0        -- any other answer

   function response(status, headers, body)
      local second = os.time()
      if status == 200 then
         accepted[second] = (accepted[second] or 0) + 1
      elseif status == 400 and body and body:find("ThrottlingException", 1, true) then
         throttled[second] = (throttled[second] or 0) + 1
      else
         other = other + 1
      end
   end

   function done(summary, latency, requests)
      local ok, slow, seconds, seen, others = {}, {}, {}, {}, 0
      for _, thread in ipairs(threads) do
         for second, n in pairs(thread:get("accepted")) do
            ok[second] = (ok[second] or 0) + n
            if not seen[second] then seen[second] = true; table.insert(seconds, second) end
         end
         for second, n in pairs(thread:get("throttled")) do
            slow[second] = (slow[second] or 0) + n
            if not seen[second] then seen[second] = true; table.insert(seconds, second) end
         end
         others = others + thread:get("other")
      end
      table.sort(seconds)
      local total_ok, total_slow = 0, 0
      for i, second in ipairs(seconds) do
         local a, t = ok[second] or 0, slow[second] or 0
         total_ok, total_slow = total_ok + a, total_slow + t
         io.write(string.format("second %2d: %6d accepted %7d ThrottlingException\n", i, a, t))
      end
      io.write(string.format("total: %d accepted, %d ThrottlingException, %d other\n", total_ok, total_slow, others))
   end
end
