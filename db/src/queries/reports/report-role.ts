// Every report reads the database as mast_reports (migrations 0025, 0026): a role granted the
// trend views and the report_* count views and functions, and no table. So a report cannot read
// a name, a date of birth or an address even by mistake: the database refuses it. The
// transaction is read-only as well.
import { sql } from 'drizzle-orm';
import type { Database, Db } from '../../database.ts';

export const REPORT_ROLE = 'mast_reports';

export async function readAsReports<T>(database: Pick<Database, 'db'>, read: (tx: Db) => Promise<T>): Promise<T> {
  return database.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    await tx.execute(sql`SET TRANSACTION READ ONLY`);
    await tx.execute(sql.raw(`SET LOCAL ROLE ${REPORT_ROLE}`));
    return read(tx);
  });
}

/** A month as the reports pass it: YYYY-MM, read as its first day. */
export const monthStart = (month: string) => sql`${`${month}-01`}::date`;
