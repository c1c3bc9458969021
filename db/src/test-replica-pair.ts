// A PostgreSQL primary and a streaming replica of it, on loopback ports of their own, for tests
// that stop, pause and start a replica: two throwaway clusters made with the Debian/Ubuntu
// PostgreSQL tools (pg_createcluster, pg_basebackup -R), dropped again at the end. Never the
// server named by DATABASE_URL. Where the tools (or the rights to use them) are missing,
// replicaPairUnavailable() says why, for the test to give as its reason to skip.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import pg from 'pg';

const TOOLS = ['pg_createcluster', 'pg_ctlcluster', 'pg_dropcluster', 'pg_lsclusters', 'pg_basebackup'];
const onPath = (tool: string) => (process.env.PATH ?? '').split(':').some((dir) => dir && existsSync(join(dir, tool)));

/** The newest PostgreSQL server installed (Debian layout), if any. */
function serverVersion(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  return readdirSync(root)
    .filter((v) => /^\d+$/.test(v) && existsSync(join(root, v, 'bin', 'postgres')))
    .sort((a, b) => Number(b) - Number(a))[0];
}

/** Why no replica pair can be made here; undefined when it can. */
export function replicaPairUnavailable(): string | undefined {
  const missing = TOOLS.filter((t) => !onPath(t));
  if (missing.length > 0) return `PostgreSQL's server packages are not installed (no ${missing.join(', ')})`;
  if (!serverVersion()) return 'no PostgreSQL server binaries under /usr/lib/postgresql';
  const user = userInfo();
  if (user.uid !== 0 && user.username !== 'postgres') return 'making PostgreSQL clusters needs root or the postgres user';
  return undefined;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface ReplicaPair {
  primaryUrl: string;
  replicaUrl: string;
  /** Stops the replica (fast shutdown: its connections are cut); the event loop runs on meanwhile, as a load would. */
  stopReplica(): Promise<void>;
  startReplica(): Promise<void>;
  /** Holds back replay on the replica: it keeps receiving WAL but shows none of it. */
  pauseReplay(): Promise<void>;
  resumeReplay(): Promise<void>;
  /** Waits until the replica has replayed everything the primary has written so far. */
  caughtUp(timeoutMs?: number): Promise<void>;
  drop(): void;
}

// Small and quick: nothing here needs to survive a crash.
const SETTINGS = ['fsync=off', 'full_page_writes=off', 'shared_buffers=16MB', 'max_connections=40'];

async function one<T>(url: string, text: string): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows[0] as T;
  } finally {
    await client.end();
  }
}

/** Makes and starts the two clusters (a few seconds); drop() them when done. */
export async function startReplicaPair(): Promise<ReplicaPair> {
  const reason = replicaPairUnavailable();
  if (reason) throw new Error(reason);
  const version = serverVersion()!;
  const tag = `${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const primary = `mast_primary_${tag}`;
  const replica = `mast_replica_${tag}`;
  const [primaryPort, replicaPort] = [await freePort(), await freePort()];
  const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const asPostgres = (cmd: string, args: string[]) => (userInfo().uid === 0 ? run('runuser', ['-u', 'postgres', '--', cmd, ...args]) : run(cmd, args));
  const made: string[] = [];
  const drop = () => {
    for (const name of made.splice(0).reverse()) spawnSync('pg_dropcluster', ['--stop', version, name], { stdio: 'ignore' });
  };
  // A test run that ends before its afterAll still leaves no clusters behind.
  process.once('exit', drop);
  const create = (name: string, port: number) => {
    made.push(name);
    run('pg_createcluster', [version, name, '-p', String(port), ...SETTINGS.flatMap((s) => ['-o', s]), '--', '--auth=trust']);
  };
  try {
    create(primary, primaryPort);
    run('pg_ctlcluster', [version, primary, 'start']);
    create(replica, replicaPort);
    // The replica's data folder is the primary's, copied while it runs; its settings stay its own.
    const dataDir = String(run('pg_lsclusters', ['--no-header', version, replica])).trim().split(/\s+/)[5]!;
    for (const entry of readdirSync(dataDir)) rmSync(join(dataDir, entry), { recursive: true, force: true });
    asPostgres('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'postgres', '-D', dataDir, '-R', '-X', 'stream', '--checkpoint=fast']);
    run('pg_ctlcluster', [version, replica, 'start']);
  } catch (e) {
    drop();
    const err = e as { stderr?: Buffer; message: string };
    throw new Error(`could not make the replica pair: ${err.stderr?.toString().trim() || err.message}`);
  }
  const primaryUrl = `postgres://postgres@127.0.0.1:${primaryPort}/postgres`;
  const replicaUrl = `postgres://postgres@127.0.0.1:${replicaPort}/postgres`;
  return {
    primaryUrl,
    replicaUrl,
    stopReplica: async () => void (await promisify(execFile)('pg_ctlcluster', [version, replica, 'stop', '-m', 'fast'])),
    startReplica: async () => void (await promisify(execFile)('pg_ctlcluster', [version, replica, 'start'])),
    pauseReplay: async () => void (await one(replicaUrl, 'SELECT pg_wal_replay_pause()')),
    resumeReplay: async () => void (await one(replicaUrl, 'SELECT pg_wal_replay_resume()')),
    async caughtUp(timeoutMs = 30_000) {
      const { lsn } = await one<{ lsn: string }>(primaryUrl, 'SELECT pg_current_wal_insert_lsn()::text AS lsn');
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const { behind } = await one<{ behind: boolean }>(replicaUrl, `SELECT pg_last_wal_replay_lsn() < '${lsn}'::pg_lsn AS behind`);
        if (!behind) return;
        if (Date.now() > deadline) throw new Error('the replica did not catch up');
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    drop() {
      drop();
      process.removeListener('exit', drop);
    },
  };
}
