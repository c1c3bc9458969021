// Whether the trigger rules fall unevenly: the people alerted (the subject of an open alert about a
// person, or recorded at an address with an open alert) by age band, sex and area (postcode
// district), beside everyone in the person index. mast holds no census: the index (everyone any
// partner recorded in the last 12 months) is the population it compares against, and the report
// says so. Counts only: no one is named.
import { sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { rows } from './rows.ts';

export interface EqualityRow {
  dimension: 'age band' | 'sex' | 'area';
  group: string;
  alerted: number;
  population: number;
}

/** The report as of `asOf` (ages are counted on that date). */
export async function alertEquality(db: Db, asOf: string): Promise<EqualityRow[]> {
  return rows<EqualityRow>(
    db,
    sql`WITH people AS (
          SELECT p.id,
                 CASE WHEN age < 18 THEN '0-17' WHEN age < 25 THEN '18-24' WHEN age < 45 THEN '25-44' WHEN age < 65 THEN '45-64' ELSE '65+' END AS age_band,
                 COALESCE((SELECT CASE upper(r.sex) WHEN 'F' THEN 'female' WHEN 'M' THEN 'male' WHEN 'X' THEN 'not specified' ELSE 'not recorded' END
                           FROM person_records r WHERE r.person_id = p.id AND r.sex IS NOT NULL ORDER BY r.id DESC LIMIT 1), 'not recorded') AS sex,
                 COALESCE((SELECT split_part(ad.postcode, ' ', 1) FROM involvements i JOIN addresses ad ON ad.uprn = i.uprn
                           WHERE i.person_id = p.id ORDER BY i.contact_date DESC, i.id DESC LIMIT 1), 'no address') AS area
          FROM (SELECT id, extract(year FROM age(${asOf}::date, date_of_birth))::int AS age FROM persons) p),
        alerted AS (
          SELECT person_id AS id FROM alerts WHERE state <> 'closed' AND subject_kind = 'person' AND person_id IS NOT NULL
          UNION
          SELECT i.person_id FROM alerts a JOIN involvements i ON i.uprn = a.uprn
          WHERE a.state <> 'closed' AND a.subject_kind = 'address' AND i.person_id IS NOT NULL),
        marked AS (SELECT people.*, (people.id IN (SELECT id FROM alerted)) AS is_alerted FROM people)
        SELECT 'age band' AS dimension, age_band AS "group", count(*) FILTER (WHERE is_alerted)::int AS alerted, count(*)::int AS population FROM marked GROUP BY age_band
        UNION ALL
        SELECT 'sex', sex, count(*) FILTER (WHERE is_alerted)::int, count(*)::int FROM marked GROUP BY sex
        UNION ALL
        SELECT 'area', area, count(*) FILTER (WHERE is_alerted)::int, count(*)::int FROM marked GROUP BY area
        ORDER BY 1, 2`,
  );
}
