// After an alert, descriptively: contacts in the 12 weeks before and after for households
// alerted, beside households with similar demand that were not (migration 0026, report_impact).
import { sql } from 'drizzle-orm';
import type { Db } from '../../database.ts';
import { rows } from '../rows.ts';

export interface ImpactCount {
  group: 'alerted' | 'comparison';
  /** Contacts in the 12 weeks before: 1-4, 5-9, 10-19, 20+. */
  band: string;
  households: number;
  contactsBefore: number;
  contactsAfter: number;
}

export function impactCounts(tx: Db, asOf: string): Promise<ImpactCount[]> {
  return rows<ImpactCount>(
    tx,
    sql`SELECT grp AS "group", band, households, contacts_before AS "contactsBefore", contacts_after AS "contactsAfter" FROM report_impact(${asOf}::date)`,
  );
}
