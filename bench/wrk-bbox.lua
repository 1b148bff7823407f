-- wrk script: GET /api/cameras?bbox=… over district-sized windows read from
-- the file named by the BBOXES environment variable (one
-- min_lon,min_lat,max_lon,max_lat per line, written by bench/genosm).
local boxes = {}
local f = io.open(os.getenv("BBOXES") or "bboxes.txt")
for line in f:lines() do boxes[#boxes + 1] = line end
f:close()
local i = 0
request = function()
  i = i % #boxes + 1
  return wrk.format("GET", "/api/cameras?status=active&bbox=" .. boxes[i])
end
done = function(summary, latency, requests)
  io.write(string.format("requests %d, errors %d (connect %d, read %d, status %d, timeout %d), %.0f req/s\n",
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.status + summary.errors.timeout,
    summary.errors.connect, summary.errors.read, summary.errors.status, summary.errors.timeout,
    summary.requests / (summary.duration / 1e6)))
  for _, p in ipairs({50, 90, 99, 99.9}) do
    io.write(string.format("p%s %.2f ms\n", p, latency:percentile(p) / 1000))
  end
end
