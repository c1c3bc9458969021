import type { SQL } from 'drizzle-orm';
import type { Db } from '../client.ts';

/** Rows of a raw query, on either driver (a transaction is a Db too). */
export async function rows<T>(db: Db, q: SQL): Promise<T[]> {
  const res = (await db.execute(q)) as unknown as { rows: T[] };
  return res.rows;
}

/** `excluded.<column>` for every named column: the "set" of an upsert that takes the new row. */
export function excludedSet<K extends string>(table: Record<K, { name: string }>, keys: readonly K[]) {
  return Object.fromEntries(keys.map((k) => [k, sqlExcluded(table[k].name)])) as Record<K, SQL>;
}

import { sql } from 'drizzle-orm';
function sqlExcluded(column: string): SQL {
  return sql.raw(`excluded."${column}"`);
}
