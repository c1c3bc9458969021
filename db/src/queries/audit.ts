// The audit trail as a hash chain. Entries are appended by audit_append (migration 0020) in one
// statement that locks the chain head, chains and inserts the entries and moves the head on: a
// writer in another process waits for the head and then chains onto what the first one wrote.
// The head stays locked until the statement commits, so appends take turns at the speed of a
// commit; entries that arrive while an append is under way go together in the next one (one
// commit for many entries, as PostgreSQL's own group commit does for independent inserts).
// recordAudit resolves only once its entry is committed. Never holds a value from a record:
// entries carry codes, ids and counts.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { rows } from './rows.ts';
import type { AuditEntry } from './auth.ts';

/** An anchor is recorded every this many entries (and on the first entry of each day, and on demand). */
export const AUDIT_ANCHOR_EVERY = 1000;

/** The hash before the first entry. */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);

/** Entries appended together at most. */
const MAX_BATCH = 500;

interface Waiting {
  entry: AuditEntry;
  resolve(placed: { seq: number; hash: string }): void;
  reject(error: unknown): void;
}

function entryJson(e: AuditEntry) {
  return {
    user_id: e.userId ?? null,
    organisation_id: e.organisationId ?? null,
    role: e.role ?? null,
    action: e.action,
    uprn: e.uprn ?? null,
    subject_kind: e.subjectKind ?? null,
    subject_id: e.subjectId ?? null,
    purpose: e.purpose ?? null,
    reference: e.reference ?? null,
    detail: e.detail ?? null,
    matrix_version: e.matrixVersion ?? null,
    client: e.client ?? null,
    session_ref: e.sessionRef ?? null,
  };
}

async function appendBatch(db: Db, entries: AuditEntry[]): Promise<{ seq: number; hash: string }[]> {
  const placed = await rows<{ entry_seq: string; entry_hash: string }>(
    db,
    sql`SELECT entry_seq::text, entry_hash FROM audit_append(${JSON.stringify(entries.map(entryJson))}::jsonb)`,
  );
  if (placed.length !== entries.length) throw new Error('the audit chain head is missing: run the migrations');
  return placed.map((r) => ({ seq: Number(r.entry_seq), hash: r.entry_hash }));
}

/** One queue per database handle (a transaction is a handle of its own, so its entries stay in it). */
const queues = new WeakMap<Db, { waiting: Waiting[]; busy: boolean }>();

async function drain(db: Db, queue: { waiting: Waiting[]; busy: boolean }) {
  queue.busy = true;
  try {
    while (queue.waiting.length > 0) {
      const batch = queue.waiting.splice(0, MAX_BATCH);
      try {
        const placed = await appendBatch(db, batch.map((w) => w.entry));
        batch.forEach((w, i) => w.resolve(placed[i]!));
      } catch (error) {
        // One bad entry must not fail the others: each is tried alone.
        if (batch.length === 1) batch[0]!.reject(error);
        else for (const w of batch) await appendBatch(db, [w.entry]).then(([p]) => w.resolve(p!), w.reject);
      }
    }
  } finally {
    queue.busy = false;
  }
}

/** Appends one entry to the chain; resolves with its position and hash once it is committed. */
export function appendAuditEntry(db: Db, entry: AuditEntry): Promise<{ seq: number; hash: string }> {
  let queue = queues.get(db);
  if (!queue) queues.set(db, (queue = { waiting: [], busy: false }));
  const q = queue;
  return new Promise((resolve, reject) => {
    q.waiting.push({ entry, resolve, reject });
    if (!q.busy) void drain(db, q);
  });
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

/** Actions that are a lookup of an address (the ones counted and compared between peers). */
export const ADDRESS_LOOKUP_ACTIONS = ['view-address', 'break-glass'] as const;

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
  seq: string;
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

export async function searchAuditEntries(db: Db, f: AuditSearchFilter): Promise<AuditEntryRow[]> {
  const where: SQL[] = [sql`TRUE`];
  if (f.userId !== undefined) where.push(sql`a.user_id = ${f.userId}`);
  if (f.uprn !== undefined) where.push(sql`a.uprn = ${f.uprn}`);
  if (f.personId !== undefined) {
    where.push(sql`((a.subject_kind = 'person' AND a.subject_id = ${String(f.personId)}) OR a.uprn IN ${personUprns(f.personId)})`);
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
         ORDER BY a.seq DESC
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
  const lookups = sql`a.action IN (${sql.join(ADDRESS_LOOKUP_ACTIONS.map((x) => sql`${x}`), sql`, `)})`;
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
               CASE WHEN a.subject_kind = 'person' AND a.subject_id = ${String(personId)} THEN 'person' ELSE 'address' END AS looked,
               a.uprn::text, ad.label AS address
          FROM audit_events a
          LEFT JOIN organisations og ON og.id = a.organisation_id
          LEFT JOIN addresses ad ON ad.uprn = a.uprn
         WHERE a.action NOT LIKE 'audit-%' AND a.action <> 'bulk-reading'
           AND ((a.subject_kind = 'person' AND a.subject_id = ${String(personId)}) OR a.uprn IN ${personUprns(personId)})
         ORDER BY a.seq`,
  );
  return { addresses, lookups };
}

/** A user's home postcode (or none): lookups in it are flagged as the user's own street. */
export async function setUserHomePostcode(db: Db, username: string, postcode: string | null): Promise<boolean> {
  const done = await rows<{ id: number }>(db, sql`UPDATE users SET home_postcode = ${postcode} WHERE username = ${username} RETURNING id`);
  return done.length > 0;
}

/**
 * Counts one view of a user's in the minute starting at `minute`; returns the minute's count.
 * The counter's commit does not wait for the disk (synchronous_commit off for this statement's
 * transaction only): a count lost in a database crash costs nothing, while waiting would make a
 * user's views take turns on the counter's row at the speed of the disk.
 */
export async function countUserView(db: Db, userId: number, minute: Date): Promise<number> {
  const [r] = await rows<{ count: number }>(
    db,
    sql`INSERT INTO rate_limits AS r (key, window_start, count)
        SELECT ${`bulk-read:${userId}`}, ${minute.toISOString()}::timestamptz, 1
          FROM (SELECT set_config('synchronous_commit', 'off', true)) AS quick
        ON CONFLICT (key) DO UPDATE SET
          count = CASE WHEN r.window_start = excluded.window_start THEN r.count + 1 ELSE 1 END,
          window_start = excluded.window_start
        RETURNING count`,
  );
  return r!.count;
}
