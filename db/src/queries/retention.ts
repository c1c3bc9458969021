// Retention: live data is kept 12 months, a pseudonymised copy 36 months for trend reporting.
// One run is one transaction of set operations: the rows that are due are copied to
// trend_involvements and leave the live tables, then everything that only they justified goes
// with them (people, person records, review items). It must never copy a name, a date of birth,
// an id, a UPRN, a day or an address into the trend copy, and never send the pseudonym secret
// to the database: keys are computed here, per distinct person and UPRN, in bounded batches.
//
// The rule, counted from the UTC date of `now` ("as of"):
// - An involvement leaves the live tables when its last date is more than 12 months before the
//   as-of date: the contact date for a one-off contact (police, fire, NHS rows: open is null),
//   the closing date for a closed case (council rows closed by a later snapshot: the later of
//   contact_date and closed_on). Exactly 12 months old stays, as the address summary counts it.
// - An open case (council snapshot rows with open = true) stays while it is open, whatever the
//   date it was opened: a case a social worker holds today is live data, however old. (So
//   was_open is false in every copy this rule makes; the column is there for a rule that one
//   day lets an open case go, say of a partner that stopped sending snapshots.)
// - Person records no live involvement refers to are deleted, and so are persons with neither a
//   record nor an involvement (a name and a date of birth must not outlive the rows that justified
//   them), with their review pairs and stewards' decisions (ON DELETE CASCADE). A person who stays
//   but whose shown name came from a record that left is shown as their earliest remaining record.
// - Address review items with no live row left go when their rows left in this run or they are
//   over 12 months old; a steward's address decision with no live row goes 12 months after it
//   was made (its key is the address text a partner typed, which can hold more than an address).
// - rejected_rows (row numbers and reasons) go 12 months after their upload; feed_uploads stay
//   (file name, SHA-256 and counts only): their SHA-256 is what makes a re-sent old file a
//   duplicate, and applying a year-old council snapshot again would reopen closed cases.
// - Finished jobs go 12 months after they finished (an upload job's result is its report).
// - Lead-team notifications go 12 months after the look they tell of; a break-glass use 12 months
//   after its review.
// - An alert goes when its newest evidence (latest_contact) is due, with its history; first a
//   pseudonymised copy goes to trend_alerts (months, whole hours to acknowledge, the outcome, the
//   district, a person's age band and sex when it was raised, and the same keys as the contacts'
//   copy), kept 36 months from the later of its newest evidence and its closing, as a contact is.
// - A trend row goes when the month of its last date (a closed case's closing month, else the
//   contact's month) is more than 36 months before the as-of date (its first day is): the copy's
//   36 months count from where the live 12 months did, so a case open for years is copied when
//   it leaves and kept its 36 months, like a contact. Its opening month is the row's month.
// - Nothing in the copy tells a day: no timestamp, random ids, and each run's rows are written in
//   a random order.
// - audit_events stay: they are the record of who looked at which address, and hold no person.
import { createHmac } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type { Database, Db } from '../database.ts';
import { rows } from './rows.ts';
import { deletePersonsWithoutRows, showPersonsByEarliestRecord } from './people.ts';

export interface RetentionCounts {
  /** The UTC date the run counted from. */
  asOf: string;
  /** Involvements dated before this left the live tables. */
  liveBefore: string;
  /** Trend rows whose last month is before this were deleted. */
  trendBefore: string;
  /** Involvements that left the live tables. */
  moved: number;
  /** Of those, copied to the trend data (not those already past 36 months). */
  copied: number;
  personsDeleted: number;
  personRecordsDeleted: number;
  /** Persons who stay but were shown by a record that left: now shown by a remaining one. */
  personsRenamed: number;
  addressReviewsDeleted: number;
  addressDecisionsDeleted: number;
  rejectedRowsDeleted: number;
  jobsDeleted: number;
  notificationsDeleted: number;
  breakGlassDeleted: number;
  alertsDeleted: number;
  /** Of those, copied to trend_alerts (not those already past 36 months). */
  alertsCopied: number;
  trendRowsDeleted: number;
  /** Alert copies whose last month is before trendBefore, deleted. */
  trendAlertsDeleted: number;
}

export interface RetentionOptions {
  /** The clock: the run counts 12 and 36 months back from this instant's UTC date. */
  now: Date;
  /** The pseudonym secret (at least 32 bytes), kept outside the database. */
  secret: Uint8Array;
  /** Runs inside the transaction after the work: a job marks itself done here. */
  onCommit?: (tx: Db, counts: RetentionCounts) => Promise<void>;
  /** Distinct people or UPRNs keyed per round trip. */
  keyBatch?: number;
}

/** The pseudonym of a person ("person:" + id) or an address ("uprn:" + uprn): hex HMAC-SHA-256. */
export function pseudonymKey(secret: Uint8Array, message: string): string {
  return createHmac('sha256', secret).update(message, 'utf8').digest('hex');
}

export const MIN_SECRET_BYTES = 32;

const count = async (tx: Db, q: SQL): Promise<number> => (await rows<{ n: number }>(tx, q))[0]?.n ?? 0;

// The outward code of a UK postcode ("mb3 4rt", "MB34RT", or just "MB3"), else null. The
// matched address's postcode first, then the one the row gave.
const DISTRICT = sql.raw(`CASE
    WHEN pc.c ~ '^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$' THEN left(pc.c, length(pc.c) - 3)
    WHEN pc.c ~ '^[A-Z]{1,2}[0-9][A-Z0-9]?$' THEN pc.c
  END`);

/**
 * The dates the rule counts from `now`'s UTC date (the as-of date): live data whose last date is
 * before liveBefore is due (exactly 12 months old stays), trend rows whose last month is before
 * trendBefore, and stamps (uploads, decisions, jobs) before stampBefore. Feed ingest refuses rows
 * already past liveBefore with the same dates, so a row retention took never comes back.
 */
export async function retentionCutoffs(
  db: Db,
  now: Date,
): Promise<{ asOf: string; liveBefore: string; trendBefore: string; stampBefore: string }> {
  const asOf = now.toISOString().slice(0, 10);
  const [cut] = await rows<{ live_before: string; trend_before: string; stamp_before: string }>(
    db,
    sql`SELECT (${asOf}::date - interval '12 months')::date::text AS live_before,
               (${asOf}::date - interval '36 months')::date::text AS trend_before,
               (${now.toISOString()}::timestamptz - interval '12 months')::text AS stamp_before`,
  );
  return { asOf, liveBefore: cut!.live_before, trendBefore: cut!.trend_before, stampBefore: cut!.stamp_before };
}

export async function runRetention(database: Pick<Database, 'db'>, opts: RetentionOptions): Promise<RetentionCounts> {
  if (opts.secret.length < MIN_SECRET_BYTES) throw new Error(`the pseudonym secret must be at least ${MIN_SECRET_BYTES} bytes`);
  const keyBatch = opts.keyBatch ?? 20_000;

  return database.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    // Writers wait while this runs (readers do not). feed_uploads first: an upload's transaction
    // starts by writing there, so none is half-way through when the rest is locked, and a
    // steward's decision starts at address_reviews. Taking all at the start rules out deadlocks.
    await tx.execute(sql`LOCK TABLE feed_uploads, address_reviews, involvements, person_records, persons IN EXCLUSIVE MODE`);

    const { asOf, liveBefore, trendBefore, stampBefore } = await retentionCutoffs(tx, opts.now);

    // (a) The rows that are due, by the rule above.
    await tx.execute(
      sql`CREATE TEMP TABLE retention_leaving (id bigint PRIMARY KEY, person_id bigint, uprn bigint, address_key text, address_candidate_uprn bigint) ON COMMIT DROP`,
    );
    await tx.execute(
      sql`INSERT INTO retention_leaving (id, person_id, uprn, address_key, address_candidate_uprn)
          SELECT id, person_id, uprn, address_key, address_candidate_uprn FROM involvements
          WHERE open IS NOT TRUE AND GREATEST(contact_date, closed_on) < ${liveBefore}::date`,
    );
    await tx.execute(sql`ANALYZE retention_leaving`);

    // The alerts whose newest evidence leaves with them (deleted below, after their copy).
    await tx.execute(sql`CREATE TEMP TABLE retention_leaving_alerts (id bigint PRIMARY KEY) ON COMMIT DROP`);
    await tx.execute(sql`INSERT INTO retention_leaving_alerts SELECT id FROM alerts WHERE latest_contact < ${liveBefore}::date`);

    // (b) Their keys: computed here, never in SQL, so the secret never reaches the server (a
    // slow statement's parameters can end up in its log). The leaving alerts' subjects too: an
    // alert's person or address need not be among the leaving rows'.
    const alertsLeaving = sql`alerts WHERE id IN (SELECT id FROM retention_leaving_alerts)`;
    await keyIds(
      tx,
      'retention_person_keys',
      sql`SELECT person_id FROM retention_leaving WHERE person_id IS NOT NULL UNION SELECT person_id FROM ${alertsLeaving} AND person_id IS NOT NULL`,
      'person:',
      opts.secret,
      keyBatch,
    );
    await keyIds(
      tx,
      'retention_address_keys',
      sql`SELECT uprn FROM retention_leaving WHERE uprn IS NOT NULL UNION SELECT uprn FROM ${alertsLeaving} AND uprn IS NOT NULL`,
      'uprn:',
      opts.secret,
      keyBatch,
    );

    // The copy: feed, category, month, district, the two keys, whether open, attendance. Nothing else.
    const copied = await count(
      tx,
      sql`WITH copied AS (
            INSERT INTO trend_involvements (feed, category, month, last_month, postcode_district, person_key, address_key, was_open, attendance)
            SELECT i.feed, i.category, date_trunc('month', i.contact_date::timestamp)::date, m.last_month, ${DISTRICT}, pk.key, ak.key, COALESCE(i.open, false), i.attendance
            FROM retention_leaving l
            JOIN involvements i ON i.id = l.id
            LEFT JOIN addresses a ON a.uprn = i.uprn
            LEFT JOIN retention_person_keys pk ON pk.id = i.person_id
            LEFT JOIN retention_address_keys ak ON ak.id = i.uprn
            CROSS JOIN LATERAL (SELECT upper(regexp_replace(COALESCE(a.postcode, i.postcode), '[^A-Za-z0-9]', '', 'g')) AS c) pc
            CROSS JOIN LATERAL (SELECT date_trunc('month', GREATEST(i.contact_date, i.closed_on)::timestamp)::date AS last_month) m
            WHERE m.last_month >= ${trendBefore}::date
            ORDER BY random()
            RETURNING 1)
          SELECT count(*)::int AS n FROM copied`,
    );
    // The alerts' copy, before their people's records can leave (age band and sex come from
    // them): rule, lead agency, the agencies the evidence counted, months, whole hours to
    // acknowledge, the outcome, district, age band and sex at the month raised, the two keys.
    const alertsCopied = await count(
      tx,
      sql`WITH copied AS (
            INSERT INTO trend_alerts (rule, subject_kind, lead_feed, agencies, raised_month, last_month, hours_to_acknowledge, closed_month, closed_reason,
                                      postcode_district, age_band, sex, person_key, address_key)
            SELECT al.rule, al.subject_kind, t.feed,
                   ARRAY(SELECT jsonb_object_keys(CASE WHEN jsonb_typeof(al.evidence -> 'counts') = 'object' THEN al.evidence -> 'counts' ELSE '{}'::jsonb END) ORDER BY 1),
                   date_trunc('month', al.raised_at AT TIME ZONE 'UTC')::date, m.last_month,
                   floor(extract(epoch FROM (al.acknowledged_at - al.raised_at)) / 3600)::int,
                   date_trunc('month', al.closed_at AT TIME ZONE 'UTC')::date, al.closed_reason,
                   ${DISTRICT},
                   CASE WHEN al.subject_kind = 'person' AND p.date_of_birth IS NOT NULL THEN
                     CASE WHEN age.y < 18 THEN '0-17' WHEN age.y < 25 THEN '18-24' WHEN age.y < 45 THEN '25-44' WHEN age.y < 65 THEN '45-64' ELSE '65+' END END,
                   CASE WHEN al.subject_kind = 'person' AND p.id IS NOT NULL THEN
                     COALESCE((SELECT CASE upper(r.sex) WHEN 'F' THEN 'female' WHEN 'M' THEN 'male' WHEN 'X' THEN 'not specified' ELSE 'not recorded' END
                               FROM person_records r WHERE r.person_id = p.id AND r.sex IS NOT NULL ORDER BY r.id DESC LIMIT 1), 'not recorded') END,
                   CASE WHEN al.subject_kind = 'person' THEN pk.key END, ak.key
            FROM retention_leaving_alerts l
            JOIN alerts al ON al.id = l.id
            JOIN teams t ON t.id = al.lead_team_id
            LEFT JOIN persons p ON p.id = al.person_id
            LEFT JOIN addresses a ON a.uprn = al.uprn
            LEFT JOIN retention_person_keys pk ON pk.id = al.person_id
            LEFT JOIN retention_address_keys ak ON ak.id = al.uprn
            CROSS JOIN LATERAL (SELECT upper(regexp_replace(a.postcode, '[^A-Za-z0-9]', '', 'g')) AS c) pc
            CROSS JOIN LATERAL (SELECT extract(year FROM age((al.raised_at AT TIME ZONE 'UTC')::date, p.date_of_birth))::int AS y) age
            CROSS JOIN LATERAL (SELECT date_trunc('month', GREATEST(al.latest_contact, (al.closed_at AT TIME ZONE 'UTC')::date)::timestamp)::date AS last_month) m
            WHERE m.last_month >= ${trendBefore}::date
            ORDER BY random()
            RETURNING 1)
          SELECT count(*)::int AS n FROM copied`,
    );

    const moved = await count(
      tx,
      sql`WITH gone AS (DELETE FROM involvements WHERE id IN (SELECT id FROM retention_leaving) RETURNING 1) SELECT count(*)::int AS n FROM gone`,
    );

    // (c) People and records nothing live refers to any more (match reviews and decisions cascade).
    await tx.execute(sql`CREATE TEMP TABLE retention_touched (person_id bigint) ON COMMIT DROP`);
    const personRecordsDeleted = await count(
      tx,
      sql`WITH gone AS (
            DELETE FROM person_records pr
            WHERE NOT EXISTS (SELECT 1 FROM involvements i WHERE i.person_record_id = pr.id)
            RETURNING person_id),
          noted AS (INSERT INTO retention_touched SELECT DISTINCT person_id FROM gone)
          SELECT count(*)::int AS n FROM gone`,
    );
    await tx.execute(sql`ANALYZE retention_touched`);
    // (The same rule as a feed's withdrawals and corrections: people.ts.)
    const personsDeleted = await deletePersonsWithoutRows(tx);
    const personsRenamed = await showPersonsByEarliestRecord(tx, sql`SELECT person_id FROM retention_touched`);

    const rowsOfItem = (alias: string) =>
      sql.raw(`EXISTS (SELECT 1 FROM involvements i
                       WHERE i.address_key = ${alias}.address_key AND i.address_candidate_uprn = ${alias}.candidate_uprn
                         AND i.address_candidate_uprn IS NOT NULL)`);
    const addressReviewsDeleted = await count(
      tx,
      sql`WITH gone AS (
            DELETE FROM address_reviews r
            WHERE NOT ${rowsOfItem('r')}
              AND (r.created_at < ${stampBefore}::timestamptz
                   OR EXISTS (SELECT 1 FROM retention_leaving l WHERE l.address_key = r.address_key AND l.address_candidate_uprn = r.candidate_uprn))
            RETURNING 1)
          SELECT count(*)::int AS n FROM gone`,
    );
    const addressDecisionsDeleted = await count(
      tx,
      sql`WITH gone AS (
            DELETE FROM address_decisions d WHERE d.decided_at < ${stampBefore}::timestamptz AND NOT ${rowsOfItem('d')}
            RETURNING 1)
          SELECT count(*)::int AS n FROM gone`,
    );

    // (d) Rejected rows of uploads over 12 months old; the uploads themselves stay (see above).
    const rejectedRowsDeleted = await count(
      tx,
      sql`WITH gone AS (
            DELETE FROM rejected_rows WHERE upload_id IN (SELECT id FROM feed_uploads WHERE received_at < ${stampBefore}::timestamptz)
            RETURNING 1)
          SELECT count(*)::int AS n FROM gone`,
    );
    const jobsDeleted = await count(
      tx,
      sql`WITH gone AS (
            DELETE FROM jobs WHERE state IN ('done', 'failed') AND finished_at < ${stampBefore}::timestamptz
            RETURNING 1)
          SELECT count(*)::int AS n FROM gone`,
    );

    // Lead-team notifications name a person with an open case: live data, kept 12 months. A
    // break-glass use goes 12 months after its review (the audit trail keeps that it happened);
    // one never reviewed stays until it is.
    const notificationsDeleted = await count(
      tx,
      sql`WITH gone AS (DELETE FROM lead_notifications WHERE at < ${stampBefore}::timestamptz RETURNING 1) SELECT count(*)::int AS n FROM gone`,
    );
    const breakGlassDeleted = await count(
      tx,
      sql`WITH gone AS (DELETE FROM break_glass WHERE reviewed_at < ${stampBefore}::timestamptz RETURNING 1) SELECT count(*)::int AS n FROM gone`,
    );

    // An alert whose newest evidence has left the live data leaves with it, history and all: it
    // names a person or a household, and there is nothing left to look at (its copy is made above).
    const alertsDeleted = await count(
      tx,
      sql`WITH gone AS (DELETE FROM alerts WHERE id IN (SELECT id FROM retention_leaving_alerts) RETURNING 1) SELECT count(*)::int AS n FROM gone`,
    );

    // (e) The trend copy's own limit.
    const trendRowsDeleted = await count(
      tx,
      sql`WITH gone AS (DELETE FROM trend_involvements WHERE last_month < ${trendBefore}::date RETURNING 1) SELECT count(*)::int AS n FROM gone`,
    );

    const trendAlertsDeleted = await count(
      tx,
      sql`WITH gone AS (DELETE FROM trend_alerts WHERE last_month < ${trendBefore}::date RETURNING 1) SELECT count(*)::int AS n FROM gone`,
    );

    const counts: RetentionCounts = {
      asOf,
      liveBefore,
      trendBefore,
      moved,
      copied,
      personsDeleted,
      personRecordsDeleted,
      personsRenamed,
      addressReviewsDeleted,
      addressDecisionsDeleted,
      rejectedRowsDeleted,
      jobsDeleted,
      notificationsDeleted,
      breakGlassDeleted,
      alertsDeleted,
      alertsCopied,
      trendRowsDeleted,
      trendAlertsDeleted,
    };
    await opts.onCommit?.(tx, counts);
    return counts;
  });
}

/**
 * Fills temp table `name` (id, key) with the pseudonym of every distinct id `source` selects: ids are read a batch at a time in id order, keyed here and written back, so memory is
 * bounded by the batch whatever the number of rows.
 */
async function keyIds(tx: Db, name: string, source: SQL, prefix: string, secret: Uint8Array, batch: number): Promise<void> {
  const keys = sql.identifier(name);
  const idsTable = sql.identifier(`${name}_ids`);
  await tx.execute(sql`CREATE TEMP TABLE ${idsTable} (id bigint PRIMARY KEY) ON COMMIT DROP`);
  await tx.execute(sql`INSERT INTO ${idsTable} SELECT DISTINCT * FROM (${source}) ids`);
  await tx.execute(sql`CREATE TEMP TABLE ${keys} (id bigint PRIMARY KEY, key text NOT NULL) ON COMMIT DROP`);
  let after = '-1';
  for (;;) {
    // (Ordered by the bigint column: an output column named id would sort as text.)
    const ids = (await rows<{ t: string }>(tx, sql`SELECT id::text AS t FROM ${idsTable} WHERE id > ${after}::bigint ORDER BY id LIMIT ${batch}`)).map(
      (r) => r.t,
    );
    if (ids.length === 0) break;
    const hashed = ids.map((id) => pseudonymKey(secret, prefix + id));
    await tx.execute(sql`INSERT INTO ${keys} (id, key) SELECT * FROM unnest(${sql.param(ids)}::bigint[], ${sql.param(hashed)}::text[])`);
    after = ids[ids.length - 1]!;
  }
  await tx.execute(sql`ANALYZE ${keys}`);
}
