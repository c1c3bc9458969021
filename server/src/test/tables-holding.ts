// For tests that personal data is gone: the tables of the database any of whose rows, in their
// text form, holds `needle` (a name, a date of birth), wherever it might have been copied.
import { sql, type Database } from '@mast/db';

export async function tablesHolding(database: Pick<Database, 'query'>, needle: string): Promise<string[]> {
  const tables = await database.query<{ schema: string; name: string }>(
    sql`SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
        WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
  );
  const found: string[] = [];
  for (const t of tables) {
    const [r] = await database.query<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM ${sql.identifier(t.schema)}.${sql.identifier(t.name)} x WHERE x::text ILIKE ${'%' + needle + '%'}`,
    );
    if (r!.n > 0) found.push(t.name);
  }
  return found;
}
