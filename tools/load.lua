-- wrk script for tools/load.sh: the three pages in turn, each with the
-- cookies of a shopper who accepted everything and filled a basket.
local paths = { "/", "/customer", "/basket" }
local headers = {
  ["Cookie"] = "consent=1:preferences+statistics:2026-11-26; username=Ada; basket=oil,filter,bolt,washer",
  ["Accept-Encoding"] = "br, gzip",
}
local counter = 0

request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1], headers)
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "requests %d, non-2xx/3xx %d, socket errors: connect %d, read %d, write %d, timeout %d\n",
    summary.requests, e.status, e.connect, e.read, e.write, e.timeout))
  io.write(string.format("latency p50 %.2f ms, p99 %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
