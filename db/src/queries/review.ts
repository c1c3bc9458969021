// The stewards' review queue: uncertain pairs in, decisions out. Pairs are stored lower record
// id first, so (a, b) and (b, a) are one pair.
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../database.ts';
import { matchDecisions, matchReviews } from '../schema/review.ts';
import { rows } from './rows.ts';

export interface ReviewEvidence {
  field: string;
  level: string;
  weight: number;
}

export interface NewReviewPair {
  recordA: number;
  recordB: number;
  weight: number;
  probability: number;
  evidence: ReviewEvidence[];
}

const ordered = (a: number, b: number): [number, number] => (a < b ? [a, b] : [b, a]);

/** Queues uncertain pairs; a pair a steward has already decided is never queued again. */
export async function queueReviewPairs(db: Db, pairs: NewReviewPair[]): Promise<number> {
  let queued = 0;
  for (const p of pairs) {
    const [a, b] = ordered(p.recordA, p.recordB);
    const result = await rows<{ id: number }>(
      db,
      sql`INSERT INTO match_reviews (record_a, record_b, weight, probability, evidence)
          SELECT ${a}::bigint, ${b}::bigint, ${p.weight}, ${p.probability}, ${JSON.stringify(p.evidence)}::jsonb
          WHERE NOT EXISTS (SELECT 1 FROM match_decisions d WHERE d.record_a = ${a} AND d.record_b = ${b})
          ON CONFLICT (record_a, record_b) DO UPDATE
            SET weight = excluded.weight, probability = excluded.probability, evidence = excluded.evidence
            WHERE match_reviews.status = 'open'
          RETURNING id`,
    );
    queued += result.length;
  }
  return queued;
}

/** An uncertain pair named by source records (feed and source id), as the feed pipeline knows them. */
export interface NewReviewPairBySource {
  feed: string;
  sourceId: string;
  otherFeed: string;
  otherSourceId: string;
  weight: number;
  probability: number;
  evidence: ReviewEvidence[];
}

/**
 * Queues a batch of uncertain pairs in one statement, finding each record's id by its source
 * (written earlier in the same transaction), so the pipeline need not wait for ids. Where one
 * pair comes twice in a batch the later wins; decided pairs are never queued again. Returns how
 * many pairs were queued or refreshed.
 */
export async function queueReviewPairsBySource(db: Db, pairs: NewReviewPairBySource[]): Promise<number> {
  if (pairs.length === 0) return 0;
  const col = <T>(f: (p: NewReviewPairBySource) => T) => sql.param(pairs.map(f));
  const result = await rows<{ id: number }>(
    db,
    sql`WITH t AS (
          SELECT LEAST(a.id, b.id) AS record_a, GREATEST(a.id, b.id) AS record_b, t.weight, t.probability, t.evidence::jsonb AS evidence, t.n
          FROM unnest(${col((p) => p.feed)}::text[], ${col((p) => p.sourceId)}::text[], ${col((p) => p.otherFeed)}::text[],
                      ${col((p) => p.otherSourceId)}::text[], ${col((p) => p.weight)}::float8[], ${col((p) => p.probability)}::float8[],
                      ${col((p) => JSON.stringify(p.evidence))}::text[])
               WITH ORDINALITY AS t(feed, source_id, other_feed, other_source_id, weight, probability, evidence, n)
          JOIN person_records a ON a.feed = t.feed AND a.source_id = t.source_id
          JOIN person_records b ON b.feed = t.other_feed AND b.source_id = t.other_source_id
          WHERE a.id <> b.id),
        latest AS (SELECT DISTINCT ON (record_a, record_b) * FROM t ORDER BY record_a, record_b, n DESC)
        INSERT INTO match_reviews (record_a, record_b, weight, probability, evidence)
        SELECT l.record_a, l.record_b, l.weight, l.probability, l.evidence FROM latest l
        WHERE NOT EXISTS (SELECT 1 FROM match_decisions d WHERE d.record_a = l.record_a AND d.record_b = l.record_b)
        ON CONFLICT (record_a, record_b) DO UPDATE
          SET weight = excluded.weight, probability = excluded.probability, evidence = excluded.evidence
          WHERE match_reviews.status = 'open'
        RETURNING id`,
  );
  return result.length;
}

export interface ReviewPairRow {
  id: number;
  weight: number;
  probability: number;
  evidence: ReviewEvidence[];
  status: string;
  created_at: Date | string;
  decided_by: string | null;
  decided_at: Date | string | null;
  left: ReviewSideRow;
  right: ReviewSideRow;
}

export interface ReviewSideRow {
  id: number;
  feed: string;
  given_name: string;
  family_name: string;
  date_of_birth: string;
  sex: string | null;
  has_nhs_number: boolean;
  address: string | null;
  postcode: string | null;
}

const side = (alias: string) =>
  sql.raw(`json_build_object('id', ${alias}.id, 'feed', ${alias}.feed, 'given_name', ${alias}.given_name,
     'family_name', ${alias}.family_name, 'date_of_birth', ${alias}.date_of_birth, 'sex', ${alias}.sex,
     'has_nhs_number', ${alias}.nhs_number IS NOT NULL,
     'address', (SELECT label FROM addresses ad WHERE ad.uprn = ${alias}.uprn),
     'postcode', (SELECT postcode FROM addresses ad WHERE ad.uprn = ${alias}.uprn))`);

function pairQuery(where: ReturnType<typeof sql>, limit: number) {
  return sql`SELECT r.id, r.weight, r.probability, r.evidence, r.status, r.created_at,
                    u.username AS decided_by, d.decided_at,
                    ${side('a')} AS left, ${side('b')} AS right
             FROM match_reviews r
             JOIN person_records a ON a.id = r.record_a
             JOIN person_records b ON b.id = r.record_b
             LEFT JOIN match_decisions d ON d.record_a = r.record_a AND d.record_b = r.record_b
             LEFT JOIN users u ON u.id = d.decided_by
             WHERE ${where}
             ORDER BY r.probability DESC, r.id
             LIMIT ${limit}`;
}

/** Open pairs, the likeliest matches first (they are the quickest to settle). */
export async function listReviewPairs(db: Db, status: 'open' | 'decided', limit = 50): Promise<ReviewPairRow[]> {
  const where = status === 'open' ? sql`r.status = 'open'` : sql`r.status <> 'open'`;
  return rows<ReviewPairRow>(db, pairQuery(where, limit));
}

export async function countOpenReviewPairs(db: Db): Promise<number> {
  const [r] = await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM match_reviews WHERE status = 'open'`);
  return r?.n ?? 0;
}

export async function getReviewPair(db: Db, id: number): Promise<ReviewPairRow | undefined> {
  const [r] = await rows<ReviewPairRow>(db, pairQuery(sql`r.id = ${id}`, 1));
  return r;
}

/** Records a steward's decision on a pair; a later decision on the same pair replaces it. */
export async function decideReviewPair(db: Db, id: number, decision: 'same' | 'different', userId: number): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [pair] = await tx.select().from(matchReviews).where(eq(matchReviews.id, id));
    if (!pair) return false;
    await tx
      .insert(matchDecisions)
      .values({ recordA: pair.recordA, recordB: pair.recordB, decision, decidedBy: userId })
      .onConflictDoUpdate({
        target: [matchDecisions.recordA, matchDecisions.recordB],
        set: { decision, decidedBy: userId, decidedAt: sql`now()` },
      });
    await tx.update(matchReviews).set({ status: decision }).where(and(eq(matchReviews.id, id)));
    return true;
  });
}

/** Every decision, for the matcher to apply over its model. */
export async function getMatchDecisions(db: Db) {
  return db.select({ recordA: matchDecisions.recordA, recordB: matchDecisions.recordB, decision: matchDecisions.decision }).from(matchDecisions);
}
