import { sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Db } from '../database.ts';

/** A driver's way to run a named, server-side prepared statement (planned once per connection). */
export type PreparedRunner = (name: string, text: string, params: unknown[]) => Promise<unknown[]>;
const preparedRunners = new WeakMap<object, PreparedRunner>();
const dialect = new PgDialect();

export function registerPreparedRunner(db: Db, runner: PreparedRunner): void {
  preparedRunners.set(db, runner);
}

/**
 * Rows of a raw query, on either driver (a transaction is a Db too). With `prepare`, the hot
 * lookups run as named prepared statements where the driver offers them, so PostgreSQL plans
 * them once per connection rather than on every request.
 */
export async function rows<T>(db: Db, q: SQL, prepare?: string): Promise<T[]> {
  const runner = prepare ? preparedRunners.get(db) : undefined;
  if (runner) {
    const { sql: text, params } = dialect.sqlToQuery(q);
    return (await runner(prepare!, text, params)) as T[];
  }
  const res = (await db.execute(q)) as unknown as { rows: T[] };
  return res.rows;
}

/** `excluded.<column>` for every named column: the "set" of an upsert that takes the new row. */
export function excludedSet<K extends string>(table: Record<K, { name: string }>, keys: readonly K[]) {
  return Object.fromEntries(keys.map((k) => [k, sqlExcluded(table[k].name)])) as Record<K, SQL>;
}

function sqlExcluded(column: string): SQL {
  return sql.raw(`excluded."${column}"`);
}
