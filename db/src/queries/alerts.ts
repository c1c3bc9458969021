// The trigger rules evaluated in the database: each kind of rule is one query over the live
// involvements that finds the subjects (addresses or people) meeting it now, with counts by
// agency; one statement then raises an alert for each subject without one, updates the evidence
// of those already open, and records both in the alert's history. A closed alert is raised again
// only by contacts newer than those it was closed on. An alert whose rule no longer holds stays
// as it is: the lead agency closes it, with a reason.
import { sql, type SQL } from 'drizzle-orm';
import type { AlertRule, AlertRules } from '@mast/shared';
import type { Db } from '../database.ts';
import { rows } from './rows.ts';

/** Open social care cases are the lead a practitioner would call first. */
const SOCIAL_CARE = sql`ARRAY['council-adults', 'council-children']::text[]`;

function windowStart(asOf: string, rule: AlertRule): SQL {
  return sql`(${asOf}::date - ${rule.windowWeeks * 7}::int)`;
}

/**
 * The candidates of one rule: rule, subject_kind, subject_id, uprn, person_id, lead_team_id,
 * counts (jsonb: feed -> contacts in the window), total, latest (newest contact counted).
 */
function candidates(rule: AlertRule, asOf: string): SQL {
  const from = windowStart(asOf, rule);
  const inWindow = sql`i.contact_date >= ${from} AND i.contact_date <= ${asOf}::date`;
  const childOn = sql`p.date_of_birth > (${asOf}::date - interval '18 years')`;
  switch (rule.kind) {
    case 'contacts-across-services': {
      const key = rule.subject === 'address' ? sql`i.uprn` : sql`i.person_id`;
      const subjectUprn =
        rule.subject === 'address'
          ? sql`g.subject`
          : sql`(SELECT i.uprn FROM involvements i WHERE i.person_id = g.subject AND i.uprn IS NOT NULL ORDER BY i.contact_date DESC, i.id DESC LIMIT 1)`;
      return sql`
        SELECT ${rule.code}::text AS rule, ${rule.subject}::text AS subject_kind, g.subject::text AS subject_id, ${subjectUprn} AS uprn,
               ${rule.subject === 'person' ? sql`g.subject` : sql`NULL::bigint`} AS person_id,
               COALESCE((SELECT i.lead_team_id FROM involvements i WHERE ${key} = g.subject AND i.open IS TRUE AND i.feed = ANY(${SOCIAL_CARE})
                          ORDER BY i.contact_date DESC, i.id DESC LIMIT 1),
                        (SELECT i.lead_team_id FROM involvements i WHERE ${key} = g.subject AND ${inWindow}
                          GROUP BY i.lead_team_id ORDER BY count(*) DESC, max(i.contact_date) DESC, i.lead_team_id LIMIT 1)) AS lead_team_id,
               g.counts, g.total, g.latest
        FROM (SELECT s.subject, jsonb_object_agg(s.feed, s.n) AS counts, sum(s.n)::int AS total, max(s.latest) AS latest
              FROM (SELECT ${key} AS subject, i.feed, count(*)::int AS n, max(i.contact_date) AS latest
                    FROM involvements i WHERE ${key} IS NOT NULL AND ${inWindow} GROUP BY 1, 2) s
              GROUP BY s.subject
              HAVING sum(s.n) >= ${rule.minContacts} AND count(*) >= ${rule.minServices}) g`;
    }
    case 'child-open-case-at-ae':
    case 'child-not-brought': {
      const attendance = rule.kind === 'child-open-case-at-ae' ? 'attended' : 'did-not-attend';
      const least = rule.kind === 'child-open-case-at-ae' ? rule.minAttendances : rule.minMissed;
      const openCase = sql`(SELECT c.lead_team_id FROM involvements c WHERE c.person_id = g.person_id AND c.feed = 'council-children' AND c.open IS TRUE
                            ORDER BY c.contact_date DESC, c.id DESC LIMIT 1)`;
      return sql`
        SELECT ${rule.code}::text AS rule, 'person'::text AS subject_kind, g.person_id::text AS subject_id,
               (SELECT i.uprn FROM involvements i WHERE i.person_id = g.person_id AND i.uprn IS NOT NULL ORDER BY i.contact_date DESC, i.id DESC LIMIT 1) AS uprn,
               g.person_id, ${rule.kind === 'child-open-case-at-ae' ? openCase : sql`COALESCE(${openCase}, g.last_team)`} AS lead_team_id,
               ${rule.kind === 'child-open-case-at-ae' ? sql`jsonb_build_object('nhs', g.n, 'council-children', 1)` : sql`jsonb_build_object('nhs', g.n)`} AS counts,
               g.n AS total, g.latest
        FROM (SELECT i.person_id, count(*)::int AS n, max(i.contact_date) AS latest,
                     (array_agg(i.lead_team_id ORDER BY i.contact_date DESC, i.id DESC))[1] AS last_team
              FROM involvements i JOIN persons p ON p.id = i.person_id
              WHERE i.feed = 'nhs' AND i.attendance = ${attendance} AND ${inWindow} AND ${childOn}
              GROUP BY i.person_id HAVING count(*) >= ${least}) g
        ${rule.kind === 'child-open-case-at-ae' ? sql`WHERE ${openCase} IS NOT NULL` : sql``}`;
    }
    case 'fire-at-open-case':
      return sql`
        SELECT ${rule.code}::text AS rule, 'address'::text AS subject_kind, g.uprn::text AS subject_id, g.uprn, NULL::bigint AS person_id,
               g.case_team AS lead_team_id, jsonb_build_object('fire', g.n, 'council-adults', 1) AS counts, g.n AS total, g.latest
        FROM (SELECT i.uprn, count(*)::int AS n, max(i.contact_date) AS latest,
                     (SELECT c.lead_team_id FROM involvements c WHERE c.uprn = i.uprn AND c.feed = 'council-adults' AND c.open IS TRUE
                        AND c.category = ANY(${sql.param(rule.caseCategories)}::text[]) ORDER BY c.contact_date DESC, c.id DESC LIMIT 1) AS case_team
              FROM involvements i
              WHERE i.feed = 'fire' AND i.uprn IS NOT NULL AND i.category = ANY(${sql.param(rule.fireCategories)}::text[]) AND ${inWindow}
              GROUP BY i.uprn) g
        WHERE g.case_team IS NOT NULL`;
    case 'repeat-incidents':
      return sql`
        SELECT ${rule.code}::text AS rule, 'address'::text AS subject_kind, g.uprn::text AS subject_id, g.uprn, NULL::bigint AS person_id,
               g.last_team AS lead_team_id, jsonb_build_object(${rule.feed}::text, g.n) AS counts, g.n AS total, g.latest
        FROM (SELECT i.uprn, count(*)::int AS n, max(i.contact_date) AS latest,
                     (array_agg(i.lead_team_id ORDER BY i.contact_date DESC, i.id DESC))[1] AS last_team
              FROM involvements i WHERE i.feed = ${rule.feed} AND i.uprn IS NOT NULL AND ${inWindow}
              GROUP BY i.uprn HAVING count(*) >= ${rule.minIncidents}) g`;
  }
}

export interface AlertEvaluation {
  /** For each rule: subjects meeting it now, alerts raised, alerts whose evidence changed. */
  byRule: Record<string, { matching: number; raised: number; updated: number }>;
}

/** Evaluates every rule as of `asOf` (a date: contacts up to and including it) in one statement. */
export async function evaluateAlertRules(db: Db, rules: AlertRules, asOf: string, now: Date): Promise<AlertEvaluation> {
  const at = now.toISOString();
  const found = sql.join(
    rules.rules.map((r) => sql`SELECT c.*, jsonb_build_object('counts', c.counts, 'total', c.total, 'windowWeeks', ${r.windowWeeks}::int, 'latest', c.latest) AS evidence
                               FROM (${candidates(r, asOf)}) c WHERE c.lead_team_id IS NOT NULL`),
    sql` UNION ALL `,
  );
  const [r] = await rows<{ matching: Record<string, number> | null; raised: Record<string, number> | null; updated: Record<string, number> | null }>(
    db,
    sql`WITH found AS MATERIALIZED (${found}),
        updated AS (
          UPDATE alerts a SET evidence = f.evidence, latest_contact = f.latest, rules_version = ${rules.version}, lead_team_id = f.lead_team_id,
                              uprn = f.uprn, updated_at = ${at}::timestamptz
          FROM found f
          WHERE a.rule = f.rule AND a.subject_kind = f.subject_kind AND a.subject_id = f.subject_id AND a.state <> 'closed' AND a.evidence <> f.evidence
          RETURNING a.id, a.rule, a.evidence),
        raised AS (
          INSERT INTO alerts (rule, rules_version, subject_kind, subject_id, uprn, person_id, lead_team_id, evidence, latest_contact, raised_at, updated_at)
          SELECT f.rule, ${rules.version}, f.subject_kind, f.subject_id, f.uprn, f.person_id, f.lead_team_id, f.evidence, f.latest, ${at}::timestamptz, ${at}::timestamptz
          FROM found f
          WHERE NOT EXISTS (SELECT 1 FROM alerts a WHERE a.rule = f.rule AND a.subject_kind = f.subject_kind AND a.subject_id = f.subject_id
                              AND (a.state <> 'closed' OR a.latest_contact >= f.latest))
          ORDER BY f.rule, f.subject_kind, f.subject_id
          ON CONFLICT DO NOTHING
          RETURNING id, rule, evidence),
        history AS (
          INSERT INTO alert_events (alert_id, event, at, evidence)
          SELECT id, 'raised', ${at}::timestamptz, evidence FROM raised UNION ALL SELECT id, 'updated', ${at}::timestamptz, evidence FROM updated)
        SELECT (SELECT jsonb_object_agg(rule, n) FROM (SELECT rule, count(*) AS n FROM found GROUP BY rule) x) AS matching,
               (SELECT jsonb_object_agg(rule, n) FROM (SELECT rule, count(*) AS n FROM raised GROUP BY rule) x) AS raised,
               (SELECT jsonb_object_agg(rule, n) FROM (SELECT rule, count(*) AS n FROM updated GROUP BY rule) x) AS updated`,
  );
  const byRule: AlertEvaluation['byRule'] = {};
  for (const rule of rules.rules) {
    byRule[rule.code] = { matching: Number(r?.matching?.[rule.code] ?? 0), raised: Number(r?.raised?.[rule.code] ?? 0), updated: Number(r?.updated?.[rule.code] ?? 0) };
  }
  return { byRule };
}

/** Households (addresses) with an open alert, beside those known to any agency and all in the gazetteer. */
export async function alertedShare(db: Db): Promise<{ alerted: number; known: number; addresses: number }> {
  const [r] = await rows<{ alerted: number; known: number; addresses: number }>(
    db,
    sql`SELECT (SELECT count(DISTINCT uprn)::int FROM alerts WHERE state <> 'closed' AND uprn IS NOT NULL) AS alerted,
               (SELECT count(DISTINCT uprn)::int FROM involvements WHERE uprn IS NOT NULL) AS known,
               (SELECT count(*)::int FROM addresses) AS addresses`,
  );
  return r!;
}

/** An open alert as the API shapes it for a viewer (the shaping applies the sharing agreement). */
export interface AlertRow {
  id: string;
  rule: string;
  subject_kind: 'address' | 'person';
  uprn: string | null;
  label: string | null;
  postcode: string | null;
  /** A partner marked the place sensitive: only roles the agreement names may find it. */
  sensitive: boolean;
  evidence: { counts: Record<string, number>; total: number; windowWeeks: number; latest: string };
  state: 'open' | 'acknowledged';
  raised_at: string;
  updated_at: string;
  acknowledged_at: string | null;
  team_organisation_id: number;
  organisation: string;
  team: string;
  phone: string;
  hours: string;
  out_of_hours_name: string | null;
  out_of_hours_phone: string | null;
}

/** The columns of an AlertRow, over `alerts a` (an alert's place and its lead team joined here). */
export const ALERT_ROW_COLUMNS = sql`a.id::text AS id, a.rule, a.subject_kind, a.uprn::text AS uprn, ad.label, ad.postcode,
       EXISTS (SELECT 1 FROM involvements s WHERE s.uprn = a.uprn AND s.sensitive) AS sensitive,
       a.evidence, a.state, to_char(a.raised_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS raised_at,
       to_char(a.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS updated_at,
       to_char(a.acknowledged_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS acknowledged_at,
       t.organisation_id AS team_organisation_id, o.name AS organisation, t.name AS team, t.phone, t.hours, t.out_of_hours_name, t.out_of_hours_phone`;

/** Joins an alert's place, lead team and organisation, for ALERT_ROW_COLUMNS. */
export const ALERT_ROW_JOINS = sql`LEFT JOIN addresses ad ON ad.uprn = a.uprn JOIN teams t ON t.id = a.lead_team_id JOIN organisations o ON o.id = t.organisation_id`;

/** Every open (or acknowledged) alert, newest evidence first: the list a crew's phone keeps. */
export async function listOpenAlerts(db: Db): Promise<AlertRow[]> {
  return rows<AlertRow>(
    db,
    sql`SELECT ${ALERT_ROW_COLUMNS} FROM alerts a ${ALERT_ROW_JOINS}
        WHERE a.state <> 'closed' ORDER BY a.latest_contact DESC, a.id DESC`,
  );
}

/**
 * The lead agency's step on one of its open alerts: acknowledged (once), or closed with a reason.
 * Null when the alert is not open, or its lead team is not of `organisationId` (the same answer
 * for an alert of another organisation as for none, so ids tell nothing).
 */
export async function actOnAlert(
  db: Db,
  act: { id: number; organisationId: number; userId: number; at: Date } & ({ step: 'acknowledged' } | { step: 'closed'; reason: string }),
): Promise<AlertRow | null> {
  const at = act.at.toISOString();
  const set =
    act.step === 'acknowledged'
      ? sql`state = 'acknowledged', acknowledged_at = COALESCE(a.acknowledged_at, ${at}::timestamptz), acknowledged_by = COALESCE(a.acknowledged_by, ${act.userId}::int)`
      : sql`state = 'closed', closed_at = ${at}::timestamptz, closed_by = ${act.userId}::int, closed_reason = ${act.reason}`;
  const [r] = await rows<AlertRow>(
    db,
    sql`WITH acted AS (
          UPDATE alerts a SET ${set}
          FROM teams lt WHERE a.id = ${act.id} AND a.state <> 'closed' AND lt.id = a.lead_team_id AND lt.organisation_id = ${act.organisationId}
          RETURNING a.*),
        step AS (
          INSERT INTO alert_events (alert_id, event, at, user_id, reason)
          SELECT id, ${act.step}, ${at}::timestamptz, ${act.userId}, ${act.step === 'closed' ? act.reason : null}::text FROM acted)
        SELECT ${ALERT_ROW_COLUMNS} FROM acted a ${ALERT_ROW_JOINS}`,
  );
  return r ?? null;
}
