// A real mast server for the HTTP benchmarks: started in its own process on a database the
// benchmark prepared, signed in to, and driven with wrk when it is installed (a Node client on the
// same two cores would take CPU from the server it measures), else with a Node client.
import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { upsertUser, type Database } from '@mast/db';
import { DEMO_USERS } from '../seed/demo-users.ts';
import { hashPassword } from '../auth/password.ts';
import { totpCodeAt } from '../auth/second-factor.ts';
import { runLoad, type LoadResult } from './load.ts';
import { hasWrk, runWrk } from './wrk.ts';

export const BENCH_BULK_READ_LIMITS = ['responder', 'practitioner', 'supervisor', 'data-steward', 'ig-officer', 'analyst', 'admin'].map((r) => `${r}=999999`).join(',');

export interface ServerProcess {
  readonly pid: number;
  readonly port: number;
  /** Resolves with the exit code (or signal) when the process ends, however it ends. */
  readonly exited: Promise<number | string | null>;
  /** What the process wrote to stderr (error kinds only: mast logs no personal data). */
  readonly stderr: string[];
  /** SIGTERM, then waits for it to end (SIGKILL after five seconds). */
  stop(): Promise<void>;
  /** With `heapProbe`: the memory the process holds after a full collection (heap-probe.ts). */
  heapAfterGc?(): Promise<HeapAfterGc>;
}

export interface HeapAfterGc {
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  /** Of heapUsed, the compiled code (which grows as the JIT optimises what runs hot). */
  code: number;
  rss: number;
  /** How long the collection held the process. */
  gcMs: number;
}

/** A port nobody listens on just now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** Starts `pnpm serve` (main.ts) in a process of its own on PostgreSQL (`url`) or PGlite (`dataDir`),
 * resolving once it listens. `env` adds to or overrides the settings. `heapProbe` starts it with
 * --expose-gc and the benchmark's heap probe (heap-probe.ts) behind an IPC channel, so that the
 * benchmark can read what the server holds after a full collection. `profileDir`: a CPU profile
 * of the server's main thread is written there when it stops (profile-top.ts reads it). */
export function spawnServer(opts: { url?: string; dataDir?: string; port: number; env?: Record<string, string>; echo?: boolean; heapProbe?: boolean; profileDir?: string }): Promise<ServerProcess> {
  const main = fileURLToPath(new URL('../main.ts', import.meta.url));
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(opts.port), MAST_DEMO: '0', MAST_SFTP: '0', ...opts.env };
  delete env.DATABASE_URL;
  if (opts.url) env.DATABASE_URL = opts.url;
  if (opts.dataDir) env.MAST_DATA_DIR = opts.dataDir;
  const probe = opts.heapProbe ? ['--expose-gc', '--import', fileURLToPath(new URL('./heap-probe.ts', import.meta.url))] : [];
  // Node refuses --cpu-prof in NODE_OPTIONS, so a profile is asked for on the command line; it is
  // written when the process ends (on SIGTERM too, since main.ts exits on it).
  const profiling = opts.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${opts.profileDir}`] : [];
  const child = spawn(process.execPath, [...profiling, '--import', 'tsx', ...probe, main], { env, stdio: ['ignore', 'pipe', 'pipe', opts.heapProbe ? 'ipc' : 'ignore'] });
  const stderr: string[] = [];
  child.stderr!.on('data', (d: Buffer) => {
    stderr.push(d.toString());
    if (opts.echo !== false) process.stderr.write(d);
  });
  const exited = new Promise<number | string | null>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(killer);
  };
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      if (d.toString().includes('listening on')) resolve({ pid: child.pid!, port: opts.port, exited, stderr, stop, ...(opts.heapProbe && { heapAfterGc: () => askHeap(child) }) });
    });
    void exited.then((code) => reject(new Error(`server exited with ${code}`)));
  });
}

function askHeap(child: ChildProcess): Promise<HeapAfterGc> {
  return new Promise((resolve, reject) => {
    const answer = (m: unknown) => {
      child.off('exit', gone);
      resolve(m as HeapAfterGc);
    };
    const gone = () => {
      child.off('message', answer);
      reject(new Error('server ended before reporting its heap'));
    };
    child.once('message', answer);
    child.once('exit', gone);
    child.send('heap-after-gc');
  });
}

export async function startServer(databaseUrl: string, port: number): Promise<() => void> {
  // One signed-in user reads thousands of addresses a second: lift the bulk-reading limits.
  const server = await spawnServer({ url: databaseUrl, port, env: { MAST_BULK_READ_LIMITS: BENCH_BULK_READ_LIMITS } });
  return () => void server.stop();
}

/** `n` users like the demo user named (same role and organisation), each to sign in as themselves:
 * a shift's load is many people's, not one user's views queued on that user's own counters. */
export async function makeBenchUsers(database: Database, opts: { like: string; prefix: string; shown: string; n: number }): Promise<{ username: string; password: string }[]> {
  const like = DEMO_USERS.find((u) => u.username === opts.like)!;
  const users = Array.from({ length: opts.n }, (_, i) => ({ username: `${opts.prefix}${i + 1}`, password: `mast-${opts.prefix}${i + 1}` }));
  for (const [i, u] of users.entries()) {
    await upsertUser(database.db, {
      username: u.username,
      displayName: `${opts.shown} ${i + 1}`,
      role: like.role,
      organisation: like.organisation,
      organisationKind: like.organisationKind,
      passwordHash: await hashPassword(u.password),
    });
  }
  return users;
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
