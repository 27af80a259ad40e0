-- wrk script of scripts/bench/serve.sh: POSTs JSON bodies to /api/explain and prints one JSON line of results.
-- Environment (read by every wrk thread):
--   SERVE_BENCH_BODIES  file of request bodies, one per line; requests cycle through them (per thread)
--   SERVE_BENCH_LABEL   the run's name in the output line
--   SERVE_BENCH_RATE    optional: requests/s for the whole run, paced by a fixed schedule (below); without it
--                       each connection sends its next request as soon as the answer arrives (closed loop)
--   SERVE_BENCH_THREADS the -t given to wrk (each thread paces its share of the rate)
--
-- Pacing: thread i sends at the instants t0 + k·(threads/rate), k = 0, 1, …; `delay()` (called by wrk before
-- every request of every connection) hands the next instant to the connection asking. As long as an idle
-- connection is there at each instant the rate is the one asked and wrk's latency (from writing the request to
-- reading the answer) is the client's latency. When no connection is free at an instant (every one waits for an
-- answer), the request leaves late and its wait does not appear in the latency (coordinated omission): the
-- output counts those requests (`late`, more than 1 ms behind) and the largest delay (`behind_ms`).
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } serve_bench_timespec;
  int clock_gettime(int clock, serve_bench_timespec *time);
]]
local clock = ffi.new("serve_bench_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, clock) -- CLOCK_MONOTONIC
  return tonumber(clock.tv_sec) * 1000 + tonumber(clock.tv_nsec) / 1e6
end

local bodies = {}
for line in io.lines(os.getenv("SERVE_BENCH_BODIES")) do
  if line ~= "" then bodies[#bodies + 1] = line end
end
assert(#bodies > 0, "SERVE_BENCH_BODIES has no body")
local requests = {}
function init(args)
  -- Here, not at load: wrk knows the Host header only from init on.
  for index, body in ipairs(bodies) do
    requests[index] = wrk.format("POST", "/api/explain", { ["Content-Type"] = "application/json" }, body)
  end
end
local next_request = 0
function request()
  next_request = next_request % #requests + 1
  return requests[next_request]
end

local rate = tonumber(os.getenv("SERVE_BENCH_RATE") or "")
local threads = tonumber(os.getenv("SERVE_BENCH_THREADS") or "1")
late, behind_ms = 0, 0

if rate then
  local period = 1000 * threads / rate
  local slot = nil
  function delay()
    local now = now_ms()
    slot = slot and slot + period or now
    local wait = slot - now
    if wait < -1 then
      late = late + 1
      behind_ms = math.max(behind_ms, -wait)
    end
    return math.max(0, math.floor(wait + 0.5))
  end
end

local all_threads = {}
function setup(thread)
  all_threads[#all_threads + 1] = thread
end

function done(summary, latency, _)
  local late_total, behind = 0, 0
  for _, thread in ipairs(all_threads) do
    late_total = late_total + thread:get("late")
    behind = math.max(behind, thread:get("behind_ms"))
  end
  local seconds = summary.duration / 1e6
  local errors = summary.errors
  io.write(string.format(
    '{"run": "%s", "rate_asked": %s, "requests": %d, "seconds": %.3f, "rate": %.1f, '
      .. '"p50_ms": %.3f, "p90_ms": %.3f, "p99_ms": %.3f, "max_ms": %.3f, "mean_ms": %.3f, '
      .. '"non_2xx": %d, "socket_errors": %d, "late": %d, "behind_ms": %.1f}\n',
    os.getenv("SERVE_BENCH_LABEL") or "", rate and string.format("%g", rate) or "null",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, latency.mean / 1000,
    errors.status, errors.connect + errors.read + errors.write + errors.timeout, late_total, behind))
end
