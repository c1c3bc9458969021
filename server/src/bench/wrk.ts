// Drives the HTTP server with wrk (a C load generator, Debian package `wrk`) when it is
// installed: on a 2-core machine a Node client would take CPU the server needs. Each request
// takes the next path from a list; wrk's own histogram gives the percentiles.
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
  local headers = { ["Cookie"] = cookies[(i % #cookies) + 1] }
  if #bodies > 0 then
    headers["Content-Type"] = "application/json"
    return wrk.format("POST", paths[(i % #paths) + 1], headers, bodies[(i % #bodies) + 1])
  end
  return wrk.format("GET", paths[(i % #paths) + 1], headers)
end
done = function(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("MASTBENCH %d %f %f %f %f %d\\n", summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, errors))
end
`;

/** Each request takes the next path, and the next of `cookies` (one signed-in user each); with
 * `bodies` (one JSON document each), a POST of the next body. */
export async function runWrk(opts: { dir: string; name: string; port: number; cookies: string[]; paths: string[]; bodies?: string[]; clients: number; seconds: number }): Promise<LoadResult> {
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
    { env: { ...process.env, MAST_BENCH_PATHS: list, MAST_BENCH_COOKIES: cookies, MAST_BENCH_BODIES: bodies } },
  );
  const m = /MASTBENCH (\d+) ([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(stdout);
  if (!m) throw new Error('wrk did not report');
  const [requests, seconds, p50, p95, p99, errors] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  return { requests, seconds, perSecond: requests / seconds, p50, p95, p99, errors };
}
