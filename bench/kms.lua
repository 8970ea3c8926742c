-- wrk script: replays one signed KMS request (written by kms_signed_request.py).
-- Environment: HDRS = headers.txt, BODY = body.json.
local prebuilt

function init(args)
   local headers = {}
   for line in io.lines(assert(os.getenv("HDRS"), "HDRS not set")) do
      local k, v = line:match("^([^:]+):%s*(.-)%s*$")
      if k then headers[k] = v end
   end
   local f = assert(io.open(assert(os.getenv("BODY"), "BODY not set"), "r"))
   local body = f:read("*a")
   f:close()
   prebuilt = wrk.format("POST", "/", headers, body)
end

function request()
   return prebuilt
end
