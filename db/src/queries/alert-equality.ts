// Whether the trigger rules fall unevenly: the people alerted (the subject of an open alert about a
// person, or recorded at an address with an open alert) by age band, sex and area (postcode
// district), beside everyone in the person index. mast holds no census: the index (everyone any
// partner recorded in the last 12 months) is the population it compares against, and the report
// says so. Counts only: no one is named.
// One definition of the counts: the SQL function report_equality (migration 0026), which the
// trend reports read too.
import { sql } from 'drizzle-orm';
import type { Db } from '../database.ts';
import { rows } from './rows.ts';

export interface EqualityRow {
  dimension: 'age band' | 'sex' | 'area';
  group: string;
  alerted: number;
  population: number;
}

/** The report as of `asOf` (ages are counted on that date). */
export async function alertEquality(db: Db, asOf: string): Promise<EqualityRow[]> {
  return rows<EqualityRow>(db, sql`SELECT dimension, grp AS "group", alerted, population FROM report_equality(${asOf}::date) ORDER BY 1, 2`);
}
