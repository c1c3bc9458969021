// Where lookups read from: a PostgreSQL streaming replica while it is known to hold the primary's
// data of a few seconds ago at most, otherwise the primary. Writes never come here.
//
// How fresh a replica is, is measured against the primary, not the replica's own clock: every
// check samples the primary's WAL position (with this process's time) and then the replica's
// replayed position. A replica that has replayed past a sample holds everything the primary had
// at that sample's time, so its data is at most (now - that time) old. An idle primary writes
// no WAL, so a caught-up replica stays caught up; a paused or broken one ages by the clock alone
// between checks, and is left once it is older than the bound.
//
// A replica that fails mid-read (stopped, restarted, conflict with recovery) is not an error for
// the officer: that statement runs again on the primary, and the replica is left until a check
// finds it well again.
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import * as schema from './schema/index.ts';
import type { Database, Db } from './client.ts';
import { registerPreparedRunner } from './queries/rows.ts';

export interface ReadSource {
  db: Db;
  servedBy: 'primary' | 'replica';
  /** At most this many seconds behind the primary (one decimal); null when read from the primary. */
  lagSeconds: number | null;
}

export interface ReadReplicaOptions {
  /** A replica further behind than this is not read from (seconds). */
  maxLagSeconds: number;
  /** How often each replica's position is read (milliseconds). */
  checkEveryMs?: number;
  /** Connections per replica. */
  poolSize?: number;
}

export interface Reads {
  /** Where this request's lookups read from. */
  pick(): ReadSource;
  /** Reads every replica's position now (the timer does it every checkEveryMs). */
  check(): Promise<void>;
  close(): Promise<void>;
}

/** No replica: every read goes to the primary (PGlite, or one PostgreSQL server). */
export function primaryReads(primary: Database): Reads {
  const source: ReadSource = { db: primary.db, servedBy: 'primary', lagSeconds: null };
  return { pick: () => source, check: async () => {}, close: async () => {} };
}

interface Replica {
  db: Db;
  pool: pg.Pool;
  /** This process's time (ms) of the newest primary sample the replica has replayed past; null: not usable. */
  holdsPrimaryAsOf: number | null;
}

interface Sample {
  at: number;
  lsn: bigint;
}

// WAL comes in 8 kB pages, each opening with a header (24 bytes, 40 at a segment's start). At a
// page's start the primary's insert position counts that header, while a replica that has replayed
// every record stops before it: within the header it holds everything.
const WAL_PAGE = 8192n;
const LONG_PAGE_HEADER = 40n;
const replayedPast = (sample: bigint, replayed: bigint) =>
  replayed >= sample || (sample % WAL_PAGE <= LONG_PAGE_HEADER && replayed >= sample - (sample % WAL_PAGE));

const lsnOf = (text: string): bigint => {
  const [hi, lo] = text.split('/');
  return (BigInt(`0x${hi}`) << 32n) | BigInt(`0x${lo}`);
};

// A server-side error (it has an SQLSTATE) is the query's own, and the primary would raise it
// too; what has none is the network or the pool. Of the server's, these mean "not this server now".
const GONE_STATES = /^(08...|57P0[1-4]|53300)$/;
const CONFLICT_WITH_RECOVERY = '40001';
const sqlState = (e: unknown): string | undefined => {
  const code = (e as { code?: unknown })?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
};
const replicaGone = (e: unknown) => {
  const state = sqlState(e);
  return state === undefined || GONE_STATES.test(state);
};

/**
 * Reads from the replicas at `replicaUrls` while they are fresh enough. `primaryUrl` is the
 * primary's address, for the statements a failing replica hands back (a few connections of their own).
 */
export async function openReadReplicas(primary: Database, primaryUrl: string, replicaUrls: readonly string[], opts: ReadReplicaOptions): Promise<Reads> {
  if (primary.backend !== 'postgres') throw new Error('read replicas need a PostgreSQL primary (DATABASE_URL)');
  if (replicaUrls.length === 0) return primaryReads(primary);
  const maxLagMs = opts.maxLagSeconds * 1000;
  const checkEveryMs = opts.checkEveryMs ?? 1000;
  const fallback = new pg.Pool({ connectionString: primaryUrl, max: 4 });
  fallback.on('error', () => {});
  const primarySource: ReadSource = { db: primary.db, servedBy: 'primary', lagSeconds: null };

  const replicas: Replica[] = replicaUrls.map((url) => {
    // A replica that does not answer soon is treated as down: the primary is there.
    const pool = new pg.Pool({ connectionString: url, max: opts.poolSize ?? 10, connectionTimeoutMillis: 2000 });
    pool.on('error', () => {});
    const replica = { pool, holdsPrimaryAsOf: null } as Replica;
    const query = async (...args: unknown[]) => {
      if (replica.holdsPrimaryAsOf !== null) {
        try {
          return await (pool.query as (...a: unknown[]) => Promise<unknown>)(...args);
        } catch (e) {
          if (sqlState(e) !== CONFLICT_WITH_RECOVERY) {
            if (!replicaGone(e)) throw e;
            replica.holdsPrimaryAsOf = null;
          }
        }
      }
      return (fallback.query as (...a: unknown[]) => Promise<unknown>)(...args);
    };
    // Reads need no transaction; one asked for is the primary's.
    const client = { query, connect: () => fallback.connect() };
    replica.db = drizzle({ client: client as unknown as pg.Pool, schema }) as unknown as Db;
    registerPreparedRunner(replica.db, async (name, text, values) => ((await query({ name, text, values })) as pg.QueryResult).rows);
    return replica;
  });

  // The insert position: a commit not yet written out (synchronous_commit=off) is past the write position.
  // Enough history to date a replica up to the bound behind, and a little more.
  let samples: Sample[] = [];
  const keepMs = maxLagMs + 2 * checkEveryMs;
  let checking: Promise<void> | undefined;

  const checkNow = async () => {
    const at = Date.now();
    try {
      const [row] = await primary.query<{ lsn: string }>(sql`SELECT pg_current_wal_insert_lsn()::text AS lsn`);
      samples.push({ at, lsn: lsnOf(row!.lsn) });
    } catch {
      // No new sample: the replicas age by the clock until the primary answers again.
    }
    samples = samples.filter((s) => s.at >= at - keepMs);
    await Promise.all(
      replicas.map(async (replica) => {
        try {
          const { rows } = await replica.pool.query<{ standby: boolean; replayed: string | null }>({
            text: 'SELECT pg_is_in_recovery() AS standby, pg_last_wal_replay_lsn()::text AS replayed',
            query_timeout: 2000,
          } as pg.QueryConfig);
          const { standby, replayed } = rows[0]!;
          // A promoted replica is a server of its own, no longer following this primary.
          if (!standby || replayed === null) return void (replica.holdsPrimaryAsOf = null);
          const position = lsnOf(replayed);
          const held = samples.filter((s) => replayedPast(s.lsn, position)).at(-1);
          if (held) replica.holdsPrimaryAsOf = Math.max(held.at, replica.holdsPrimaryAsOf ?? 0);
        } catch {
          replica.holdsPrimaryAsOf = null;
        }
      }),
    );
  };
  const check = () => (checking ??= checkNow().finally(() => (checking = undefined)));
  await check();
  const timer = setInterval(() => void check(), checkEveryMs);
  timer.unref();

  let next = 0;
  return {
    pick() {
      const now = Date.now();
      const fresh = replicas.filter((r) => r.holdsPrimaryAsOf !== null && now - r.holdsPrimaryAsOf <= maxLagMs);
      if (fresh.length === 0) return primarySource;
      // Turn about, so that several replicas share the reads.
      const replica = fresh[next++ % fresh.length]!;
      return { db: replica.db, servedBy: 'replica', lagSeconds: Math.round((now - replica.holdsPrimaryAsOf!) / 100) / 10 };
    },
    check,
    async close() {
      clearInterval(timer);
      await checking?.catch(() => {});
      await Promise.all([fallback.end(), ...replicas.map((r) => r.pool.end())]);
    },
  };
}
