-- wrk script: replays one signed KMS request (written by kms_signed_request.py).
-- Environment: HDRS = headers.txt, BODY = body.json.
-- wrk prints "Non-2xx or 3xx responses: N" when answers fail (an expired signature, a wrong key id): a run
-- with that line measured error responses, not GenerateDataKey.
local prebuilt

local function env(name)
   local value = os.getenv(name)
   assert(value, name .. " not set")
   return value
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
