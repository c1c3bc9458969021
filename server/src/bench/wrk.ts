// Drives the HTTP server with wrk (a C load generator, Debian package `wrk`) when it is
// installed: on a 2-core machine a Node client would take CPU the server needs. Each request
// takes the next path from a list; wrk's own histogram gives the percentiles. Debian's wrk has no
// fixed-rate mode (that is wrk2): with a rate, each request waits for the next slot of one
// schedule shared by all connections (wrk's delay() hook, timed by clock_gettime through
// LuaJIT's ffi), and every answer's status is looked at so that any non-2xx counts as an error.
// Requests take compressed answers, as a browser does, so that their cost is counted.
import { execFile } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { LoadResult } from './load.ts';

const run = promisify(execFile);
export const WRK = '/usr/bin/wrk';
export const hasWrk = () => existsSync(WRK);

const SCRIPT = `
local paths = {}
for line in io.lines(os.getenv("MAST_BENCH_PATHS")) do paths[#paths + 1] = line end
local cookies = {}
for line in io.lines(os.getenv("MAST_BENCH_COOKIES")) do cookies[#cookies + 1] = line end
local bodies = {}
local bodyFile = os.getenv("MAST_BENCH_BODIES")
if bodyFile ~= nil and bodyFile ~= "" then
  for line in io.lines(bodyFile) do bodies[#bodies + 1] = line end
end
local i = 0
request = function()
  i = i + 1
  -- As the app's browser asks: answers come gzipped, as they do to a phone.
  local headers = { ["Cookie"] = cookies[(i % #cookies) + 1], ["Accept-Encoding"] = "gzip, deflate, br, zstd" }
  if #bodies > 0 then
    headers["Content-Type"] = "application/json"
    return wrk.format("POST", paths[(i % #paths) + 1], headers, bodies[(i % #bodies) + 1])
  end
  return wrk.format("GET", paths[(i % #paths) + 1], headers)
end
local rate = tonumber(os.getenv("MAST_BENCH_RATE") or "")
if rate ~= nil then
  local ffi = require("ffi")
  ffi.cdef[[ typedef struct { long tv_sec; long tv_nsec; } mast_timespec; int clock_gettime(int clock, mast_timespec *t); ]]
  local ts = ffi.new("mast_timespec")
  local function nowMs()
    ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
    return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
  end
  local interval = 1000 / rate
  local nextAt = nil
  delay = function()
    local t = nowMs()
    -- Fallen behind (every connection busy): start the schedule again from now rather than
    -- sending a burst to catch up; the achieved rate shows the shortfall.
    if nextAt == nil or nextAt < t - 100 then nextAt = t end
    local wait = nextAt - t
    nextAt = nextAt + interval
    if wait < 0 then return 0 end
    return wait
  end
  non2xx = 0
  response = function(status, headers, body)
    if status < 200 or status > 299 then non2xx = non2xx + 1 end
  end
end
local threads = {}
setup = function(thread) threads[#threads + 1] = thread end
done = function(summary, latency, requests)
  local socket = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  local bad = summary.errors.status
  if rate ~= nil then
    bad = 0
    for _, t in ipairs(threads) do bad = bad + t:get("non2xx") end
  end
  io.write(string.format("MASTBENCH %d %f %f %f %f %d %d %d\\n", summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, bad + socket, bad, socket))
end
`;

export interface WrkResult extends LoadResult {
  /** Answers outside 200-299 (with a rate; without one, wrk's own count of 400 and above). */
  badStatus: number;
  /** Connections refused or broken, reads and writes failed, requests timed out. */
  socketErrors: number;
}

/** Each request takes the next path, and the next of `cookies` (one signed-in user each); with
 * `bodies` (one JSON document each), a POST of the next body. With `rate`, requests are paced to
 * that many a second across all `clients` connections (which must be enough to hold it). */
export async function runWrk(opts: { dir: string; name: string; port: number; cookies: string[]; paths: string[]; bodies?: string[]; clients: number; seconds: number; rate?: number }): Promise<WrkResult> {
  const script = join(opts.dir, 'paths.lua');
  writeFileSync(script, SCRIPT);
  const list = join(opts.dir, `${opts.name}.txt`);
  writeFileSync(list, `${opts.paths.join('\n')}\n`);
  const cookies = join(opts.dir, `${opts.name}-cookies.txt`);
  writeFileSync(cookies, `${opts.cookies.join('\n')}\n`);
  const bodies = opts.bodies ? join(opts.dir, `${opts.name}-bodies.txt`) : '';
  if (opts.bodies) writeFileSync(bodies, `${opts.bodies.join('\n')}\n`);
  const { stdout } = await run(
    WRK,
    ['-t1', `-c${opts.clients}`, `-d${opts.seconds}s`, '--timeout', '10s', '-s', script, `http://127.0.0.1:${opts.port}`],
    { env: { ...process.env, MAST_BENCH_PATHS: list, MAST_BENCH_COOKIES: cookies, MAST_BENCH_BODIES: bodies, MAST_BENCH_RATE: opts.rate ? String(opts.rate) : '' } },
  );
  const m = /MASTBENCH (\d+) ([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) (\d+) (\d+) (\d+)/.exec(stdout);
  if (!m) throw new Error('wrk did not report');
  const [requests, seconds, p50, p95, p99, errors, badStatus, socketErrors] = m.slice(1).map(Number) as [number, number, number, number, number, number, number, number];
  return { requests, seconds, perSecond: requests / seconds, p50, p95, p99, errors, badStatus, socketErrors };
}
