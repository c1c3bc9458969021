// A real mast server for the HTTP benchmarks: started in its own process on a database the
// benchmark prepared, signed in to, and driven with wrk when it is installed (a Node client on the
// same two cores would take CPU from the server it measures), else with a Node client.
import { spawn } from 'node:child_process';
import { Agent, request as httpRequest } from 'node:http';
import { fileURLToPath } from 'node:url';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { DEMO_USERS } from '../seed/demo-users.ts';
import { totpCodeAt } from '../auth/second-factor.ts';
import { runLoad, type LoadResult } from './load.ts';
import { hasWrk, runWrk } from './wrk.ts';

const BENCH_BULK_READ_LIMITS = ['responder', 'practitioner', 'supervisor', 'data-steward', 'ig-officer', 'analyst', 'admin'].map((r) => `${r}=999999`).join(',');

export function startServer(databaseUrl: string, port: number): Promise<() => void> {
  const main = fileURLToPath(new URL('../main.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', main], {
    // One signed-in user reads thousands of addresses a second: lift the bulk-reading limits.
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), MAST_DEMO: '0', MAST_SFTP: '0', MAST_BULK_READ_LIMITS: BENCH_BULK_READ_LIMITS },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      if (d.toString().includes('listening on')) resolve(() => child.kill('SIGTERM'));
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

/** Signs in as `u` (the demo officer unless named), setting up a second factor where the server asks for one. */
export async function signIn(port: number, u: { username: string; password: string } = DEMO_USERS[0]!): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: u.username, password: u.password }),
  });
  if (res.status !== 200) throw new Error('bench sign-in failed');
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const answer = (await res.json()) as { status: string };
  if (answer.status !== 'enrol-second-factor') return cookie;
  // The server runs with the demo off, so the account sets up its second factor first, as a user would.
  const post = (path: string, body?: unknown) =>
    fetch(`http://127.0.0.1:${port}${path}`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
  const { secret } = (await (await post('/api/account/totp')).json()) as { secret: string };
  const confirmed = await post('/api/account/totp/confirm', { code: totpCodeAt(decodeBase32IgnorePadding(secret), new Date()) });
  if (confirmed.status !== 200) throw new Error('bench second-factor set-up failed');
  return confirmed.headers.get('set-cookie')!.split(';')[0]!;
}

function httpAsk(agent: Agent, port: number, path: string, cookie: string, body?: string): Promise<boolean> {
  return new Promise((resolve) => {
    const headers = body === undefined ? { cookie } : { cookie, 'content-type': 'application/json' };
    const req = httpRequest({ host: '127.0.0.1', port, path, agent, headers, method: body === undefined ? 'GET' : 'POST' }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode === 200));
    });
    req.on('error', () => resolve(false));
    req.end(body);
  });
}

/** GETs `paths` in turn (or POSTs `bodies` to them) from `clients` concurrent clients for
 * `seconds`, each request as the next of `cookies`' users. */
export async function driveHttp(opts: { dir: string; name: string; port: number; cookies: string[]; paths: string[]; bodies?: string[]; clients: number; seconds: number }): Promise<LoadResult> {
  if (hasWrk()) return runWrk(opts);
  const agent = new Agent({ keepAlive: true, maxSockets: opts.clients });
  const bodies = opts.bodies;
  try {
    return await runLoad({
      clients: opts.clients,
      seconds: opts.seconds,
      request: (i) => httpAsk(agent, opts.port, opts.paths[i % opts.paths.length]!, opts.cookies[i % opts.cookies.length]!, bodies?.[i % bodies.length]),
    });
  } finally {
    agent.destroy();
  }
}

export const httpDriver = () => (hasWrk() ? 'wrk (C)' : "a Node client (install Debian's wrk for a lighter one)");
