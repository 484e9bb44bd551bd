-- wrk script for the benchmark (bench/performance.bench.ts).
-- Arguments after `--`, each `key=value`:
--   cookie=…       the Cookie header to send (every request)
--   method=POST    the method (default GET)
--   body=…         the request body, sent as a form (`application/x-www-form-urlencoded`)
--   accept=…       the Accept header (what a browser or the page's script asks for)
--   same-origin=1  adds `Sec-Fetch-Site: same-origin`, as browsers do on the
--                  shop's own posts; the shop refuses posts without it (403)
--   stop-after=N   each of wrk's threads stops after N answers (the memory run)
-- Prints one JSON line; the benchmark reads the last line of wrk's output.

init = function(args)
  local options = {}
  for _, argument in ipairs(args) do
    local key, value = argument:match("^([%w-]+)=(.*)$")
    if not key then error("wrk.lua: expected key=value, got " .. argument) end
    options[key] = value
  end
  if options["cookie"] then wrk.headers["Cookie"] = options["cookie"] end
  -- What browsers send; the shop compresses its pages for it.
  wrk.headers["Accept-Encoding"] = "br, gzip"
  if options["method"] then wrk.method = options["method"] end
  if options["body"] then
    wrk.body = options["body"]
    wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  end
  if options["accept"] then wrk.headers["Accept"] = options["accept"] end
  if options["same-origin"] then wrk.headers["Sec-Fetch-Site"] = "same-origin" end
  if options["stop-after"] then
    local stop_after = tonumber(options["stop-after"])
    local answered = 0
    -- Defined only for the memory run: a response callback slows wrk down.
    response = function()
      answered = answered + 1
      if answered >= stop_after then wrk.thread:stop() end
    end
  end
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"duration_us":%d,"p50_us":%d,"p99_us":%d,' ..
    '"status_errors":%d,"socket_errors":%d}\n',
    summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(99),
    e.status, e.connect + e.read + e.write + e.timeout))
end
