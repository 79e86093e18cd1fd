-- wrk script for bench/wms-benchmark.sh: cycles through a list of request paths (one per line,
-- e.g. /wms?…&TILED=true), each thread from its own offset so that threads do not ask for the same
-- image at the same moment. Requests are formatted once in init(): per-request work must stay tiny
-- or wrk measures itself.
--
--   wrk -t T -c C -d D --latency -s paths.lua URL -- PATHS THREADS
--
-- THREADS must equal -t (wrk does not tell the script). Ends with one machine-readable line:
--   KMZB_RESULT requests=N seconds=S rps=R p50_ms=A p99_ms=B non2xx3xx=E socket_errors=F

local counter = 0
function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end

local reqs, n, cursor
function init(args)
  local file, nthreads = args[1], tonumber(args[2])
  reqs, n = {}, 0
  for line in io.lines(file) do
    line = line:gsub("%s+$", "")
    if line ~= "" then
      n = n + 1
      reqs[n] = wrk.format("GET", line)
    end
  end
  assert(n > 0, "no paths in " .. file)
  cursor = math.floor(id * n / nthreads)
end

function request()
  cursor = cursor + 1
  if cursor > n then cursor = 1 end
  return reqs[cursor]
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    "KMZB_RESULT requests=%d seconds=%.3f rps=%.0f p50_ms=%.3f p99_ms=%.3f non2xx3xx=%d socket_errors=%d\n",
    summary.requests, seconds, summary.requests / seconds, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, e.status, e.connect + e.read + e.write + e.timeout))
end
