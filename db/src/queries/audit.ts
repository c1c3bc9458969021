// The audit trail as a hash chain. Each entry is appended in ONE statement that also moves the
// chain head on by one: the head's row lock makes concurrent writers (in this process or another)
// take turns, and under READ COMMITTED a writer that waited re-reads the head it waited for, so
// its entry chains onto the one just written. The hash is computed by the database
// (audit_entry_hash, migration 0018) from the head's hash and the entry's own fields.
// Never holds a value from a record: entries carry codes, ids and counts.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { rows } from './rows.ts';
import type { AuditEntry } from './auth.ts';

/** An anchor is recorded every this many entries (and on the first entry of each day, and on demand). */
export const AUDIT_ANCHOR_EVERY = 1000;

/** The hash before the first entry. */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);

/** Appends one entry to the chain; returns its position and hash. */
export async function appendAuditEntry(db: Db, e: AuditEntry): Promise<{ seq: number; hash: string }> {
  const f = {
    userId: sql`${e.userId ?? null}::integer`,
    organisationId: sql`${e.organisationId ?? null}::integer`,
    role: sql`${e.role ?? null}::text`,
    action: sql`${e.action}::text`,
    uprn: sql`${e.uprn ?? null}::bigint`,
    subjectKind: sql`${e.subjectKind ?? null}::text`,
    subjectId: sql`${e.subjectId ?? null}::text`,
    purpose: sql`${e.purpose ?? null}::text`,
    reference: sql`${e.reference ?? null}::text`,
    detail: sql`${e.detail == null ? null : JSON.stringify(e.detail)}::jsonb`,
    matrixVersion: sql`${e.matrixVersion ?? null}::text`,
    client: sql`${e.client ?? null}::text`,
    sessionRef: sql`${e.sessionRef ?? null}::text`,
  };
  const fields: SQL = sql.join(Object.values(f), sql`, `);
  const [r] = await rows<{ seq: string; hash: string }>(
    db,
    sql`WITH head AS (
          UPDATE audit_chain_head h
             SET seq = h.seq + 1, prev_hash = h.hash, hash = audit_entry_hash(h.hash, h.seq + 1, ${fields}, now())
           WHERE h.id = 1
       RETURNING h.seq, h.prev_hash, h.hash
        ), entry AS (
          INSERT INTO audit_events (seq, prev_hash, hash, user_id, organisation_id, role, action, uprn, subject_kind,
                                    subject_id, purpose, reference, detail, matrix_version, client, session_ref, at)
          SELECT head.seq, head.prev_hash, head.hash, ${fields}, now() FROM head
          RETURNING seq, hash
        ), anchor AS (
          INSERT INTO audit_anchors (seq, hash)
          SELECT seq, hash FROM entry
           WHERE entry.seq % ${AUDIT_ANCHOR_EVERY} = 0
              OR NOT EXISTS (SELECT 1 FROM audit_anchors a WHERE a.at > now() - interval '1 day')
          ON CONFLICT (seq) DO NOTHING
        )
        SELECT seq::text, hash FROM entry`,
  );
  if (!r) throw new Error('the audit chain head is missing: run the migrations');
  return { seq: Number(r.seq), hash: r.hash };
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
    sql`SELECT seq::text, hash, at::text FROM audit_anchors ORDER BY seq DESC LIMIT 1`,
  );
  return r ? { seq: Number(r.seq), hash: r.hash, at: new Date(r.at) } : undefined;
}

export async function listAuditAnchors(db: Db): Promise<AuditChainPoint[]> {
  const list = await rows<{ seq: string; hash: string; at: string }>(db, sql`SELECT seq::text, hash, at::text FROM audit_anchors ORDER BY seq`);
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

/** The entries after (seq, id) in chain order, a page at a time (keyset: fast at any depth). */
export async function readAuditChainPage(db: Db, after: { seq: string; id: string }, limit: number): Promise<AuditChainRow[]> {
  return rows<AuditChainRow>(
    db,
    sql`SELECT id::text, seq::text, prev_hash, hash, user_id::text, organisation_id::text, role, action, uprn::text,
               subject_kind, subject_id, purpose, reference, detail::text, matrix_version, client, session_ref,
               to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at
          FROM audit_events
         WHERE (seq, id) > (${after.seq}::bigint, ${after.id}::bigint)
         ORDER BY audit_events.seq, audit_events.id
         LIMIT ${limit}`,
  );
}
