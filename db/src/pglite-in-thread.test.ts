// PGlite answers from a thread of its own (pglite-in-thread.ts): what callers rely on must hold
// across the thread, as it did with PGlite in theirs. Runs on PGlite in both test runs.
import { describe, it, expect, afterEach } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase, type Database } from './client.ts';
import { rows } from './queries/rows.ts';

/** PostgreSQL's error fields, wherever the driver put them (drizzle wraps the driver's error). */
function pgFields(error: unknown): Record<string, unknown> {
  const e = error as { code?: unknown; cause?: Record<string, unknown> };
  return e.code ? (e as Record<string, unknown>) : (e.cause ?? {});
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the statement to fail');
}

describe('PGlite in a thread of its own', () => {
  const open: Database[] = [];
  const fresh = async (dataDir = 'memory://') => {
    const database = await openDatabase({ dataDir });
    open.push(database);
    await database.query(sql`CREATE TABLE IF NOT EXISTS t (id int PRIMARY KEY, label text NOT NULL, day date)`);
    return database;
  };
  afterEach(async () => {
    for (const d of open.splice(0)) await d.close();
  });

  it("a refused statement's error carries PostgreSQL's code and constraint, and the next statement is answered", async () => {
    const database = await fresh();
    await database.query(sql`INSERT INTO t VALUES (1, 'one', NULL)`);
    const error = await caught(database.query(sql`INSERT INTO t VALUES (1, 'again', NULL)`));
    expect(pgFields(error)).toMatchObject({ code: '23505', constraint: 't_pkey', table: 't' });
    const notNull = await caught(database.query(sql`INSERT INTO t VALUES (2, NULL, NULL)`));
    expect(pgFields(notNull)).toMatchObject({ code: '23502', column: 'label' });
    expect(await database.query(sql`SELECT count(*)::int AS n FROM t`)).toEqual([{ n: 1 }]);
  });

  it('dates stay the text PostgreSQL wrote, and parameters of every kind arrive as sent', async () => {
    const database = await fresh();
    await database.query(sql`INSERT INTO t VALUES (${7}, ${"O'Brien ‮ 👍 =SUM(A1)"}, ${'2026-02-28'})`);
    const [row] = await database.query<{ label: string; day: string; ids: number[] }>(sql`SELECT label, day, ARRAY[id, id + 1] AS ids FROM t`);
    expect(row).toEqual({ label: "O'Brien ‮ 👍 =SUM(A1)", day: '2026-02-28', ids: [7, 8] });
  });

  it('a transaction commits what it wrote when it returns, and leaves nothing when it throws', async () => {
    const database = await fresh();
    const result = await database.db.transaction(async (tx) => {
      await tx.execute(sql`INSERT INTO t VALUES (1, 'kept', NULL)`);
      return 'done';
    });
    expect(result).toBe('done');
    const failure = new Error('the caller changed its mind');
    await expect(
      database.db.transaction(async (tx) => {
        await tx.execute(sql`INSERT INTO t VALUES (2, 'dropped', NULL)`);
        throw failure;
      }),
    ).rejects.toBe(failure);
    // A statement that fails inside the transaction rolls back the rest of it too.
    await expect(
      database.db.transaction(async (tx) => {
        await tx.execute(sql`INSERT INTO t VALUES (3, 'dropped too', NULL)`);
        await tx.execute(sql`INSERT INTO t VALUES (1, 'a duplicate', NULL)`);
      }),
    ).rejects.toThrow();
    expect(await database.query(sql`SELECT id, label FROM t ORDER BY id`)).toEqual([{ id: 1, label: 'kept' }]);
  });

  it('a statement from outside an open transaction waits for it to end, and sees what it committed', async () => {
    const database = await fresh();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const order: string[] = [];
    const transaction = database.db.transaction(async (tx) => {
      await tx.execute(sql`INSERT INTO t VALUES (1, 'inside', NULL)`);
      await held;
      order.push('committing');
    });
    // Give the transaction time to begin, then ask from outside it.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const outside = database.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM t`).then((rows) => {
      order.push('outside answered');
      return rows;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(order).toEqual([]);
    release();
    await transaction;
    expect(await outside).toEqual([{ n: 1 }]);
    expect(order).toEqual(['committing', 'outside answered']);
  });

  it('keeps its data folder across a close and an open', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mast-pglite-thread-'));
    try {
      const first = await openDatabase({ dataDir: join(dir, 'data') });
      await first.query(sql`CREATE TABLE kept (v text)`);
      await first.query(sql`INSERT INTO kept VALUES ('still here')`);
      await first.close();
      const second = await openDatabase({ dataDir: join(dir, 'data') });
      try {
        expect(await second.query(sql`SELECT v FROM kept`)).toEqual([{ v: 'still here' }]);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses statements once closed, with a clear error', async () => {
    const database = await openDatabase({ dataDir: 'memory://' });
    await database.close();
    const error = (await caught(database.query(sql`SELECT 1`))) as Error & { cause?: Error };
    expect((error.cause ?? error).message).toBe('The embedded database has been closed.');
  });

  it('a prepared statement answers what the same statement answers unprepared, every time', async () => {
    const database = await fresh();
    await database.query(sql`INSERT INTO t VALUES (1, 'one', '2026-03-01'), (2, 'two', NULL)`);
    const statement = (ids: number[], flag: boolean) =>
      sql`SELECT id, label, day, now()::date - day AS age, timestamptz '2026-01-02 03:04:05+00' AS at, ${flag}::boolean AS flag,
                 ${JSON.stringify({ why: 'a "quoted" reason' })}::jsonb AS detail, ARRAY[id, id * 10] AS tens
          FROM t WHERE id = ANY(${sql.param(ids)}::int[]) ORDER BY id`;
    const plain = await rows<Record<string, unknown>>(database.db, statement([1, 2], true));
    expect(plain).toHaveLength(2);
    expect(plain[0]).toMatchObject({ id: 1, label: 'one', day: '2026-03-01', at: '2026-01-02 03:04:05+00', flag: true, detail: { why: 'a "quoted" reason' }, tens: [1, 10] });
    expect(await rows(database.db, statement([1, 2], true), 'test-statement')).toEqual(plain);
    expect(await rows(database.db, statement([1, 2], true), 'test-statement')).toEqual(plain);
    expect(await rows(database.db, statement([2], false), 'test-statement')).toEqual([{ ...plain[1], flag: false }]);
  });

  it('a prepared statement refused for its values says why, and answers the next good values', async () => {
    const database = await fresh();
    await database.query(sql`INSERT INTO t VALUES (1, 'one', NULL)`);
    const byId = (id: unknown) => sql`SELECT label FROM t WHERE id = ${id}::int`;
    expect(pgFields(await caught(rows(database.db, byId('not a number'), 'label-by-id')))).toMatchObject({ code: '22P02' });
    expect(await rows(database.db, byId(1), 'label-by-id')).toEqual([{ label: 'one' }]);
    expect(await rows(database.db, byId(1), 'label-by-id')).toEqual([{ label: 'one' }]);
    await expect(rows(database.db, sql`SELECT 2 AS other`, 'label-by-id')).rejects.toThrow('Two different statements are both named label-by-id.');
  });

  it('answers each of many requests for one prepared statement at once with its own rows', async () => {
    const database = await fresh();
    await database.query(sql`INSERT INTO t VALUES (1, 'one', NULL), (2, 'two', NULL)`);
    const byId = (id: number) => rows<{ label: string }>(database.db, sql`SELECT label FROM t WHERE id = ${id}::int`, 'label-at-once');
    const first = await Promise.all([1, 2, 1, 2, 1].map(byId));
    expect(first.map((r) => r[0]!.label)).toEqual(['one', 'two', 'one', 'two', 'one']);
    expect((await byId(2))[0]!.label).toBe('two');
  });

  it('a prepared statement waits for an open transaction to end, and sees what it committed', async () => {
    const database = await fresh();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const transaction = database.db.transaction(async (tx) => {
      await tx.execute(sql`INSERT INTO t VALUES (1, 'inside', NULL)`);
      await held;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    let answered = false;
    const outside = rows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM t`, 'count-t').then((r) => ((answered = true), r));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(answered).toBe(false);
    release();
    await transaction;
    expect(await outside).toEqual([{ n: 1 }]);
  });
});
