-- wrk script for the benchmark (bench/performance.bench.ts).
-- Arguments after `--`: the Cookie header to send, then optionally a number
-- of requests after which each of wrk's threads stops (the memory run).
-- Prints one JSON line; the benchmark reads the last line of wrk's output.
local stop_after = nil

init = function(args)
  wrk.headers["Cookie"] = args[1]
  -- What browsers send; the shop compresses its pages for it.
  wrk.headers["Accept-Encoding"] = "br, gzip"
  if args[2] then
    stop_after = tonumber(args[2])
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
    '"non_2xx":%d,"socket_errors":%d}\n',
    summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(99),
    e.status, e.connect + e.read + e.write + e.timeout))
end
