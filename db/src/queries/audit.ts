// The audit trail as a hash chain. An entry is written with a plain insert: committed before the
// view it records is answered, and written in parallel with every other (PostgreSQL's group
// commit shares the disk flush). The chainer (audit_chain_pending, migration 0022) then links the
// entries written since it last ran into the chain, in the order they were written, well under a
// second later: views never take turns on the chain head. Never holds a value from a record:
// entries carry codes, ids and counts.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../database.ts';
import { rows } from './rows.ts';
import type { AuditEntry } from './auth.ts';

/** An anchor is recorded every this many entries (and on the first entry of each day, and on demand). */
export const AUDIT_ANCHOR_EVERY = 1000;

/** The hash before the first entry. */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);

/** Entries linked into the chain at most in one statement (a long backlog is chained in several). */
export const AUDIT_CHAIN_BATCH = 5000;

/** Actions that are one view of records (an address, a person's page or a search for people, a
 * person's links, a review item): what bulk reading counts. */
export const VIEW_ACTIONS: readonly string[] = [
  'view-address', 'view-address-break-glass', 'sensitive-address-attempt', 'view-person', 'view-person-nothing-shared', 'person-search', 'person-links-view', 'review-view',
];

/** The bulk-reading counter's key, followed by the user's id. */
const VIEWS_KEY = 'views-this-minute:';

const isView = (e: AuditEntry) => e.userId !== undefined && e.userId !== null && VIEW_ACTIONS.includes(e.action);

function entryInsert(e: AuditEntry): SQL {
  return sql`INSERT INTO audit_events (user_id, organisation_id, role, action, uprn, subject_kind, subject_id, purpose, reference,
                                       detail, matrix_version, client, session_ref)
             VALUES (${e.userId ?? null}, ${e.organisationId ?? null}, ${e.role ?? null}, ${e.action}, ${e.uprn ?? null},
                     ${e.subjectKind ?? null}, ${e.subjectId ?? null}, ${e.purpose ?? null}, ${e.reference ?? null},
                     ${e.detail === undefined || e.detail === null ? null : JSON.stringify(e.detail)}::jsonb,
                     ${e.matrixVersion ?? null}, ${e.client ?? null}, ${e.sessionRef ?? null})`;
}

/**
 * The statement that writes one entry, after `before` (data-changing steps to run in the same
 * statement, named as one prepared statement: the same name must always mean the same text). A
 * view also counts towards its user's views this minute (the database's minute), in the same
 * commit: the bulk-reading guard reads the count with the session.
 */
export function auditEntryStatement(e: AuditEntry, before?: { name: string; steps: SQL[] }): { statement: SQL; name: string } {
  const steps = [...(before?.steps ?? [])];
  if (isView(e)) {
    steps.push(sql`counted AS (
      INSERT INTO rate_limits AS r (key, window_start, count) VALUES (${`${VIEWS_KEY}${e.userId}`}, date_trunc('minute', now()), 1)
      ON CONFLICT (key) DO UPDATE SET count = CASE WHEN r.window_start = excluded.window_start THEN r.count + 1 ELSE 1 END,
                                      window_start = excluded.window_start)`);
  }
  const statement = steps.length ? sql`WITH ${sql.join(steps, sql`, `)} ${entryInsert(e)}` : entryInsert(e);
  return { statement, name: `audit-entry${before ? `-${before.name}` : ''}${isView(e) ? '-view' : ''}` };
}

/** Writes one entry; resolves once it is committed (or with the transaction `db` is part of). */
export async function appendAuditEntry(db: Db, entry: AuditEntry): Promise<void> {
  const { statement, name } = auditEntryStatement(entry);
  await rows(db, statement, name);
}

/**
 * Links entries waiting to be chained, up to `max`; returns how many. Another process chaining at
 * the same moment is left to it (0 comes back at once, and its entries are chained there).
 */
export async function chainPendingAudit(db: Db, max = AUDIT_CHAIN_BATCH): Promise<number> {
  const [r] = await rows<{ n: number }>(db, sql`SELECT audit_chain_pending(${max}::int) AS n`);
  return r!.n;
}

/** Chains every entry written so far (a command's or a test's "now"), waiting out another chainer. */
export async function chainAllPendingAudit(db: Db): Promise<void> {
  for (let tries = 0; tries < 1000; tries++) {
    await chainPendingAudit(db);
    if ((await countUnchainedAudit(db)).entries === 0) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('the audit chain head stayed busy: entries are still waiting to be chained');
}

/** The entries not yet chained. */
export async function countUnchainedAudit(db: Db): Promise<{ entries: number }> {
  const [r] = await rows<{ entries: number }>(db, sql`SELECT count(*)::int AS entries FROM audit_events WHERE seq IS NULL`);
  return { entries: r!.entries };
}

export interface AuditChainPoint {
  seq: number;
  hash: string;
  at?: Date;
}

export async function getAuditChainHead(db: Db): Promise<AuditChainPoint | undefined> {
  const [r] = await rows<{ seq: string; hash: string }>(db, sql`SELECT seq::text, hash FROM audit_chain_head WHERE id = 1`);
  return r ? { seq: Number(r.seq), hash: r.hash } : undefined;
}

export async function latestAuditAnchor(db: Db): Promise<AuditChainPoint | undefined> {
  const [r] = await rows<{ seq: string; hash: string; at: string }>(
    db,
    sql`SELECT seq::text, hash, at::text FROM audit_anchors ORDER BY audit_anchors.seq DESC LIMIT 1`,
  );
  return r ? { seq: Number(r.seq), hash: r.hash, at: new Date(r.at) } : undefined;
}

export async function listAuditAnchors(db: Db): Promise<AuditChainPoint[]> {
  const list = await rows<{ seq: string; hash: string; at: string }>(db, sql`SELECT seq::text, hash, at::text FROM audit_anchors ORDER BY audit_anchors.seq`);
  return list.map((r) => ({ seq: Number(r.seq), hash: r.hash, at: new Date(r.at) }));
}

/** Anchors the chain where its head is now (on demand); undefined while the chain is empty. */
export async function anchorAuditChainNow(db: Db): Promise<AuditChainPoint | undefined> {
  await rows(db, sql`INSERT INTO audit_anchors (seq, hash) SELECT seq, hash FROM audit_chain_head WHERE id = 1 AND seq > 0 ON CONFLICT (seq) DO NOTHING`);
  return latestAuditAnchor(db);
}

/** An entry as the verifier reads it: every field as PostgreSQL writes it as text (null stays null). */
export interface AuditChainRow {
  id: string;
  seq: string;
  prev_hash: string;
  hash: string;
  user_id: string | null;
  organisation_id: string | null;
  role: string | null;
  action: string | null;
  uprn: string | null;
  subject_kind: string | null;
  subject_id: string | null;
  purpose: string | null;
  reference: string | null;
  detail: string | null;
  matrix_version: string | null;
  client: string | null;
  session_ref: string | null;
  at: string | null;
}

/** The entries after (seq, id) in chain order, a page at a time (keyset on the seq index: fast at any depth; the
 * id breaks a tie only if someone has dropped seq's uniqueness to slip a second entry in). */
export async function readAuditChainPage(db: Db, after: { seq: string; id: string }, limit: number): Promise<AuditChainRow[]> {
  return rows<AuditChainRow>(
    db,
    sql`SELECT id::text, seq::text, prev_hash, hash, user_id::text, organisation_id::text, role, action, uprn::text,
               subject_kind, subject_id, purpose, reference, detail::text, matrix_version, client, session_ref,
               to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at
          FROM audit_events
         WHERE seq >= ${after.seq}::bigint AND (seq > ${after.seq}::bigint OR id > ${after.id}::bigint)
         ORDER BY audit_events.seq, audit_events.id
         LIMIT ${limit}`,
  );
}

// --- Reading the trail: the information governance officer's search, flags and subject access. ---

/** Actions that are a lookup of an address or a person (the ones counted and compared between peers). */
export const LOOKUP_ACTIONS = ['view-address', 'break-glass', 'view-person', 'person-search'] as const;

export interface AuditSearchFilter {
  userId?: number;
  uprn?: number;
  /** Lookups of this person's records or of the addresses their involvements are at. */
  personId?: number;
  purpose?: string;
  from?: Date;
  /** Exclusive. */
  to?: Date;
  /** Entries before this seq (the next page, newest first). */
  before?: number;
  limit: number;
}

export interface AuditEntryRow {
  seq: string | null;
  at: string;
  user_id: number | null;
  user_name: string | null;
  organisation: string | null;
  role: string | null;
  action: string;
  uprn: string | null;
  address: string | null;
  subject_kind: string | null;
  subject_id: string | null;
  purpose: string | null;
  reference: string | null;
  client: string | null;
}

/** The UPRNs a person's involvements are at, and the buildings those flats are in. */
function personUprns(personId: number): SQL {
  return sql`(SELECT i.uprn FROM involvements i WHERE i.person_id = ${personId} AND i.uprn IS NOT NULL
              UNION SELECT ad.parent_uprn FROM involvements i JOIN addresses ad ON ad.uprn = i.uprn
               WHERE i.person_id = ${personId} AND ad.parent_uprn IS NOT NULL)`;
}

/** The person looked at: their page, a search that showed them (it names them by id among its
 * results), or one of their addresses. */
function aboutPerson(personId: number): SQL {
  return sql`(${lookedAtPerson(personId)} OR a.uprn IN ${personUprns(personId)})`;
}

function lookedAtPerson(personId: number): SQL {
  return sql`((a.subject_kind = 'person' AND a.subject_id = ${String(personId)})
              OR (a.subject_kind = 'person-search' AND a.detail -> 'personIds' @> ${JSON.stringify([String(personId)])}::jsonb))`;
}

export async function searchAuditEntries(db: Db, f: AuditSearchFilter): Promise<AuditEntryRow[]> {
  const where: SQL[] = [sql`TRUE`];
  if (f.userId !== undefined) where.push(sql`a.user_id = ${f.userId}`);
  if (f.uprn !== undefined) where.push(sql`a.uprn = ${f.uprn}`);
  if (f.personId !== undefined) {
    where.push(aboutPerson(f.personId));
  }
  if (f.purpose !== undefined) where.push(sql`a.purpose = ${f.purpose}`);
  if (f.from) where.push(sql`a.at >= ${f.from.toISOString()}::timestamptz`);
  if (f.to) where.push(sql`a.at < ${f.to.toISOString()}::timestamptz`);
  if (f.before !== undefined) where.push(sql`a.seq < ${f.before}`);
  return rows<AuditEntryRow>(
    db,
    sql`SELECT a.seq::text, a.at::text, a.user_id, u.display_name AS user_name, o.name AS organisation, a.role, a.action,
               a.uprn::text, ad.label AS address, a.subject_kind, a.subject_id, a.purpose, a.reference, a.client
          FROM audit_events a
          LEFT JOIN users u ON u.id = a.user_id
          LEFT JOIN organisations o ON o.id = a.organisation_id
          LEFT JOIN addresses ad ON ad.uprn = a.uprn
         WHERE ${sql.join(where, sql` AND `)}
         ORDER BY a.seq DESC NULLS FIRST, a.id DESC
         LIMIT ${f.limit}`,
  );
}

export interface AuditFlagRow {
  kind: 'many-lookups' | 'no-incident-reference' | 'own-street' | 'bulk-reading';
  seq: string | null;
  at: string;
  user_id: number | null;
  user_name: string | null;
  organisation: string | null;
  role: string | null;
  uprn: string | null;
  address: string | null;
  purpose: string | null;
  lookups: number | null;
  peer_median: number | null;
}

export interface AuditFlagOptions {
  since: Date;
  /** Purposes whose lookups must carry a reference. */
  incidentPurposes: readonly string[];
  /** A user is flagged for looking up more than this many times their peers' median... */
  peerFactor?: number;
  /** ...and at least this many addresses (so one lookup against peers' none is not a pattern). */
  minLookups?: number;
  /** At most this many flags of each kind, newest first. */
  limit?: number;
}

/** The unusual patterns since a date: each a row naming the user, what and when. */
export async function findAuditFlags(db: Db, o: AuditFlagOptions): Promise<AuditFlagRow[]> {
  const since = o.since.toISOString();
  const limit = o.limit ?? 200;
  const lookups = sql`a.action IN (${sql.join(LOOKUP_ACTIONS.map((x) => sql`${x}`), sql`, `)})`;
  const incident = o.incidentPurposes.length ? sql`a.purpose IN (${sql.join(o.incidentPurposes.map((x) => sql`${x}`), sql`, `)})` : sql`FALSE`;
  const entryColumns = sql`a.seq::text, a.at::text, a.user_id, u.display_name AS user_name, og.name AS organisation, a.role,
                           a.uprn::text, ad.label AS address, a.purpose, NULL::int AS lookups, NULL::float8 AS peer_median`;
  const joins = sql`LEFT JOIN users u ON u.id = a.user_id LEFT JOIN organisations og ON og.id = a.organisation_id
                    LEFT JOIN addresses ad ON ad.uprn = a.uprn`;
  const [many, noReference, ownStreet, bulk] = await Promise.all([
    rows<AuditFlagRow>(
      db,
      sql`WITH counts AS (
            SELECT u.id, u.role, count(a.id)::int AS n, max(a.seq) AS last_seq, max(a.at) AS last_at
              FROM users u LEFT JOIN audit_events a ON a.user_id = u.id AND ${lookups} AND a.at >= ${since}::timestamptz
             GROUP BY u.id, u.role
          ), peers AS (
            SELECT c.*, (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY p.n) FROM counts p WHERE p.role = c.role AND p.id <> c.id) AS median
              FROM counts c
          )
          SELECT 'many-lookups' AS kind, p.last_seq::text AS seq, p.last_at::text AS at, p.id AS user_id, u.display_name AS user_name,
                 og.name AS organisation, p.role, NULL AS uprn, NULL AS address, NULL AS purpose, p.n AS lookups, p.median::float8 AS peer_median
            FROM peers p JOIN users u ON u.id = p.id JOIN organisations og ON og.id = u.organisation_id
           WHERE p.median IS NOT NULL AND p.n >= ${o.minLookups ?? 10} AND p.n > ${o.peerFactor ?? 3} * p.median
           ORDER BY p.n DESC LIMIT ${limit}`,
    ),
    rows<AuditFlagRow>(
      db,
      sql`SELECT 'no-incident-reference' AS kind, ${entryColumns} FROM audit_events a ${joins}
           WHERE a.at >= ${since}::timestamptz AND ${incident} AND coalesce(btrim(a.reference), '') = ''
           ORDER BY a.seq DESC LIMIT ${limit}`,
    ),
    rows<AuditFlagRow>(
      db,
      sql`SELECT 'own-street' AS kind, ${entryColumns} FROM audit_events a ${joins}
           WHERE a.at >= ${since}::timestamptz AND ${lookups} AND u.home_postcode IS NOT NULL
             AND upper(replace(ad.postcode, ' ', '')) = upper(replace(u.home_postcode, ' ', ''))
           ORDER BY a.seq DESC LIMIT ${limit}`,
    ),
    rows<AuditFlagRow>(
      db,
      sql`SELECT 'bulk-reading' AS kind, ${entryColumns} FROM audit_events a ${joins}
           WHERE a.at >= ${since}::timestamptz AND a.action = 'bulk-reading'
           ORDER BY a.seq DESC LIMIT ${limit}`,
    ),
  ]);
  return [...bulk, ...ownStreet, ...noReference, ...many];
}

export interface SubjectAccessRows {
  addresses: { uprn: string; address: string | null }[];
  lookups: { at: string; organisation: string | null; role: string | null; purpose: string | null; looked: 'address' | 'person'; uprn: string | null; address: string | null }[];
}

/**
 * Every lookup of a person's records or of their addresses, with the organisation and role that
 * looked (never the user). The information governance officer's own reads of the trail are not
 * lookups of the person and are left out.
 */
export async function subjectAccessLookups(db: Db, personId: number): Promise<SubjectAccessRows> {
  const addresses = await rows<{ uprn: string; address: string | null }>(
    db,
    sql`SELECT x.uprn::text, ad.label AS address FROM ${personUprns(personId)} AS x(uprn) LEFT JOIN addresses ad ON ad.uprn = x.uprn ORDER BY x.uprn`,
  );
  const lookups = await rows<SubjectAccessRows['lookups'][number]>(
    db,
    sql`SELECT a.at::text, og.name AS organisation, a.role, a.purpose,
               CASE WHEN ${lookedAtPerson(personId)} THEN 'person' ELSE 'address' END AS looked,
               a.uprn::text, ad.label AS address
          FROM audit_events a
          LEFT JOIN organisations og ON og.id = a.organisation_id
          LEFT JOIN addresses ad ON ad.uprn = a.uprn
         WHERE a.action NOT LIKE 'audit-%' AND a.action <> 'bulk-reading'
           AND ${aboutPerson(personId)}
         ORDER BY a.seq`,
  );
  return { addresses, lookups };
}

/** A user's home postcode (or none): lookups in it are flagged as the user's own street. */
export async function setUserHomePostcode(db: Db, username: string, postcode: string | null): Promise<boolean> {
  const done = await rows<{ id: number }>(db, sql`UPDATE users SET home_postcode = ${postcode} WHERE username = ${username} RETURNING id`);
  return done.length > 0;
}

/** A user's views so far in this minute (the database's minute), as a subquery read with the session. */
export function viewsThisMinute(userId: SQL): SQL {
  return sql`(SELECT coalesce((SELECT count FROM rate_limits WHERE key = ${VIEWS_KEY} || ${userId}::text
                                 AND window_start = date_trunc('minute', now())), 0))`;
}
