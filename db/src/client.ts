// Opens mast's database: PostgreSQL when DATABASE_URL is given, otherwise PGlite (embedded
// PostgreSQL) in a local data folder. Both run the same committed migrations and the same SQL;
// only this module knows which driver is underneath.
import { fileURLToPath } from 'node:url';
import { mkdirSync } from 'node:fs';
import { sql, type SQL } from 'drizzle-orm';
import * as schema from './schema/index.ts';
import type { Database, DatabaseOptions, Db } from './database.ts';
import { registerPreparedRunner } from './queries/rows.ts';
import { openPgliteInThread } from './pglite-in-thread.ts';

export type { Backend, Database, DatabaseOptions, Db, Schema } from './database.ts';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../migrations', import.meta.url));

export async function openDatabase(opts: DatabaseOptions = {}): Promise<Database> {
  if (opts.url) return openPostgres(opts.url, opts.poolSize ?? 10);
  return openPglite(opts.dataDir ?? '.data');
}

async function rowsOf<T>(db: Db, q: SQL): Promise<T[]> {
  const res = (await db.execute(q)) as unknown as { rows: T[] };
  return res.rows;
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const pg = (await import('pg')).default;
  const { drizzle } = await import('drizzle-orm/node-postgres');
  // DATE columns stay 'YYYY-MM-DD' strings: no time zone may shift a date of birth.
  pg.types.setTypeParser(1082, (v: string) => v);
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // A dropped idle connection must not take the server down; the next query reconnects.
  pool.on('error', () => {});
  // Nor one held between two statements (a transaction, while the server computes): its next
  // statement fails instead, and the pool drops the connection when it is given back.
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = drizzle({ client: pool, schema }) as unknown as Db;
  registerPreparedRunner(db, async (name, text, values) => (await pool.query({ name, text, values })).rows);
  return {
    db,
    backend: 'postgres',
    query: (q) => rowsOf(db, q),
    async migrate() {
      const { migrate } = await import('drizzle-orm/node-postgres/migrator');
      // Two processes starting together must not both migrate: serialise them on an advisory
      // lock held by one dedicated connection (through the pool, unlock could go elsewhere).
      const lockClient = await pool.connect();
      try {
        await lockClient.query('SELECT pg_advisory_lock(727274)');
        await migrate(db as never, { migrationsFolder: MIGRATIONS_FOLDER });
      } finally {
        await lockClient.query('SELECT pg_advisory_unlock(727274)').catch(() => {});
        lockClient.release();
      }
    },
    close: () => pool.end(),
  };
}

/**
 * PGlite's buffer pool lives in WebAssembly memory that is never given back, over files the
 * operating system caches anyway: a small pool avoids holding every page twice. Each new WAL
 * file is not filled with zeroes first (PostgreSQL writes its last byte instead): every write
 * PGlite makes crosses from WebAssembly into Node's file calls, and zero-filling 16 MB before
 * each file of a big ingest's WAL cost about a seventh of the ingest. WAL records carry their
 * own checksums, so recovery never trusts what a zero-fill would have overwritten. Start
 * parameters win over the data folder's postgresql.conf without rewriting it. PGlite runs in a
 * thread of its own (pglite-in-thread.ts).
 */
const PGLITE_SETTINGS = ['-c', 'shared_buffers=32MB', '-c', 'wal_init_zero=off'];

async function openPglite(dataDir: string): Promise<Database> {
  const { drizzle } = await import('drizzle-orm/pglite');
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const client = await openPgliteInThread(dataDir, PGLITE_SETTINGS);
  const db = drizzle({ client: client as never, schema }) as unknown as Db;
  registerPreparedRunner(db, (name, text, values) => client.prepared(name, text, values));
  return {
    db,
    backend: 'pglite',
    query: (q) => rowsOf(db, q),
    async migrate() {
      const { migrate } = await import('drizzle-orm/pglite/migrator');
      await migrate(db as never, { migrationsFolder: MIGRATIONS_FOLDER });
    },
    close: () => client.close(),
  };
}

export async function pingDatabase(database: Database): Promise<boolean> {
  try {
    await database.query(sql`SELECT 1`);
    return true;
  } catch {
    return false;
  }
}
