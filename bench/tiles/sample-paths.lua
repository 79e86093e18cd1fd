-- wrk script for bench/tiles/cached-benchmark.sh: requests every tile of a sample file (lines z/x/y)
-- with Accept-Encoding: gzip, as a browser does.
--
--   wrk -t T -c C -d D --latency -s sample-paths.lua URL -- SAMPLE PREFIX THREADS MODE [DONE_DIR]
--
-- PREFIX is the path in front of z/x/y.mvt (e.g. /tiles/threats/). THREADS must equal -t (wrk does
-- not tell the script how many threads it runs).
--
-- MODE loop: each thread walks the whole list, cycling, from its own offset (thread i starts at
--   i/THREADS of the list), so all paths are requested and threads do not ask for the same tile at
--   the same moment. wrk gives a script no per-connection hook, so the connections of a thread share
--   the thread's cursor: each takes the next path, so they too sit at different places in the list.
-- MODE once: the list is split into THREADS slices and each path is requested exactly once (the cold
--   pass: every request renders a tile). wrk itself always runs for -d seconds and divides by it, so
--   the script measures the pass with a monotonic clock, stops its thread when its slice is answered
--   and writes DONE_DIR/<thread>; the caller interrupts wrk (SIGINT) once all threads are done.
--
-- Both modes end with one machine-readable line (done()):
--   KMZB_RESULT requests=N seconds=S rps=R p50_ms=A p99_ms=B non2xx3xx=E socket_errors=F

local ffi = require("ffi")
ffi.cdef [[
  struct kmzb_timespec { long tv_sec; long tv_nsec; };
  int clock_gettime(int clk_id, struct kmzb_timespec *tp);
]]
local ts = ffi.new("struct kmzb_timespec")
local function now()                    -- seconds, CLOCK_MONOTONIC (1): comparable across threads
  ffi.C.clock_gettime(1, ts)
  return tonumber(ts.tv_sec) + tonumber(ts.tv_nsec) / 1e9
end

-- main Lua state: number the threads and keep them for done()
local threads, counter = {}, 0
function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

-- thread Lua states (globals, so done() can read them with thread:get)
started, finished, answered = 0, 0, 0

local reqs, n, cursor
function init(args)
  -- args[0] is the URL; our arguments follow "--"
  local sample, prefix, nthreads, mode, doneDir = args[1], args[2], tonumber(args[3]), args[4], args[5]
  local paths = {}
  for line in io.lines(sample) do
    line = line:gsub("%s+$", "")
    if line ~= "" then table.insert(paths, line) end
  end
  assert(#paths > 0, "empty sample " .. sample)
  local headers = { ["Accept-Encoding"] = "gzip" }
  -- format every request once: per-request work in request() must stay tiny or wrk measures itself
  local all = {}
  for i, p in ipairs(paths) do all[i] = wrk.format("GET", prefix .. p .. ".mvt", headers) end

  if mode == "loop" then
    reqs, n = all, #all
    cursor = math.floor(id * n / nthreads)      -- 0-based position, wraps around
    request = function()
      cursor = cursor + 1
      if cursor > n then cursor = 1 end
      return reqs[cursor]
    end
  elseif mode == "once" then
    local from = math.floor(id * #all / nthreads) + 1
    local to = math.floor((id + 1) * #all / nthreads)
    reqs, n, cursor = {}, 0, 0
    for i = from, to do n = n + 1; reqs[n] = all[i] end
    local reserved = 0
    -- wrk asks delay() before each request of a connection: once every path of the slice is handed
    -- out, idle connections wait (an hour) instead of sending anything else
    delay = function()
      if reserved >= n then return 3600000 end
      reserved = reserved + 1
      return 0
    end
    request = function()
      if started == 0 then started = now() end
      cursor = cursor + 1
      return reqs[math.min(cursor, n)]
    end
    response = function(status, headers, body)
      answered = answered + 1
      if answered == n then
        finished = now()
        local f = assert(io.open(doneDir .. "/" .. id, "w"))
        f:write(answered, "\n")
        f:close()
        wrk.thread:stop()
      end
    end
    if n == 0 then                           -- more threads than paths: nothing to do
      local f = assert(io.open(doneDir .. "/" .. id, "w")); f:write("0\n"); f:close()
      delay = function() return 3600000 end
    end
  else
    error("mode must be loop or once, not " .. tostring(mode))
  end
end

function done(summary, latency, requests)
  local count, seconds = summary.requests, summary.duration / 1e6
  local first, lastEnd, answeredAll, once = math.huge, 0, 0, false
  for _, t in ipairs(threads) do
    local s, f = t:get("started"), t:get("finished")
    answeredAll = answeredAll + (t:get("answered") or 0)
    if s and s > 0 then
      once = once or (f and f > 0)
      first = math.min(first, s)
      lastEnd = math.max(lastEnd, f or 0)
    end
  end
  if once then                                -- cold pass: our own clock, only answered requests
    count, seconds = answeredAll, lastEnd - first
  end
  local e = summary.errors
  io.write(string.format(
    "KMZB_RESULT requests=%d seconds=%.3f rps=%.0f p50_ms=%.3f p99_ms=%.3f non2xx3xx=%d socket_errors=%d\n",
    count, seconds, count / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.status, e.connect + e.read + e.write + e.timeout))
end
