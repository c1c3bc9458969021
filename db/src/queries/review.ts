// The stewards' review queue: uncertain pairs in, decisions out. Pairs are stored lower record
// id first, so (a, b) and (b, a) are one pair.
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
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
