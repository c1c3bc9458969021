// Making the report counts again (migration 0026): after an upload's alert run, each night and
// after retention. Concurrently, so reports read the previous counts meanwhile.
import { sql } from 'drizzle-orm';
import type { Db } from '../../database.ts';
import { rows } from '../rows.ts';

const MATERIALIZED = ['report_contacts', 'report_reach_years', 'report_address_demand_years', 'report_equality_now', 'report_use', 'report_alerts'] as const;

/** Counts as of `now`'s UTC date. */
export async function refreshReportCounts(db: Db, now: Date): Promise<void> {
  await db.execute(sql`UPDATE report_refresh SET as_of = ${now.toISOString().slice(0, 10)}::date, refreshed_at = ${now.toISOString()}::timestamptz`);
  for (const view of MATERIALIZED) await db.execute(sql.raw(`REFRESH MATERIALIZED VIEW CONCURRENTLY ${view}`));
}

/** When the counts were last made, and the date they count from. */
export async function reportRefresh(db: Db): Promise<{ asOf: string; refreshedAt: string }> {
  return (
    await rows<{ asOf: string; refreshedAt: string }>(
      db,
      sql`SELECT as_of::text AS "asOf", to_char(refreshed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "refreshedAt" FROM report_refresh`,
    )
  )[0]!;
}
