// The stewards' queue of uncertain address matches: items in (one per address key and candidate
// UPRN), decisions out. A decision is applied to every row of its item at once, and remembered so
// the feed pipeline applies it to later rows without asking again.
import { eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../database.ts';
import { addressDecisions, addressReviews } from '../schema/address-review.ts';
import { rows } from './rows.ts';

export type AddressDecision = 'same' | 'different';

export interface NewAddressReview {
  addressKey: string;
  candidateUprn: number;
  score: number;
  reasons: string[];
}

/**
 * Queues addresses the matcher was unsure of. An item already open takes the newest score and
 * reasons; a decided item that gets possible rows again (a decision made while a file was being
 * applied) opens again, so no row is ever left unseen both at the address and in the queue.
 */
export async function queueAddressReviews(db: Db, items: NewAddressReview[]): Promise<number> {
  if (items.length === 0) return 0;
  const result = await rows<{ id: number }>(
    db,
    sql`INSERT INTO address_reviews (address_key, candidate_uprn, score, reasons)
        SELECT t.address_key, t.candidate_uprn, t.score, string_to_array(t.reasons, '|')
        FROM unnest(${sql.param(items.map((i) => i.addressKey))}::text[], ${sql.param(items.map((i) => i.candidateUprn))}::bigint[],
                    ${sql.param(items.map((i) => i.score))}::real[], ${sql.param(items.map((i) => i.reasons.join('|')))}::text[])
             AS t(address_key, candidate_uprn, score, reasons)
        ON CONFLICT (address_key, candidate_uprn) DO UPDATE
          SET score = excluded.score, reasons = excluded.reasons, status = 'open'
        RETURNING id`,
  );
  return result.length;
}

export interface AddressReviewRow {
  id: number;
  address_key: string;
  candidate_uprn: number;
  candidate_label: string | null;
  candidate_postcode: string | null;
  score: number;
  reasons: string[];
  status: string;
  created_at: Date | string;
  decided_by: string | null;
  decided_at: Date | string | null;
  /** The commonest spelling among the item's rows, and how many spellings there are. */
  address_text: string | null;
  postcode: string | null;
  spellings: number;
  rows: number;
  feeds: { feed: string; rows: number }[];
}

/**
 * Items with their rows: an open item counts the rows still waiting (possible), a decided one
 * every row it settled. An item whose rows have all gone (corrected by the partner) is not
 * listed, but can still be read by its id.
 */
function itemQuery(where: SQL, order: SQL, limit: number, withoutRows = false) {
  return sql`WITH item AS (
               SELECT r.* FROM address_reviews r WHERE ${where}),
             member AS (
               SELECT r.id, i.feed, i.address_text, i.postcode
               FROM item r
               JOIN involvements i ON i.address_key = r.address_key AND i.address_candidate_uprn = r.candidate_uprn
               -- (IS NOT NULL lets the planner use the partial index on rows with a candidate.)
               WHERE i.address_candidate_uprn IS NOT NULL AND (r.status <> 'open' OR i.address_match = 'possible')),
             by_feed AS (
               SELECT id, feed, count(*)::int AS n FROM member GROUP BY id, feed),
             grouped AS (
               SELECT m.id, count(*)::int AS rows, count(DISTINCT m.address_text)::int AS spellings,
                      mode() WITHIN GROUP (ORDER BY m.address_text) AS address_text,
                      mode() WITHIN GROUP (ORDER BY m.postcode) AS postcode,
                      (SELECT json_agg(json_build_object('feed', f.feed, 'rows', f.n) ORDER BY f.n DESC, f.feed)
                       FROM by_feed f WHERE f.id = m.id) AS feeds
               FROM member m GROUP BY m.id)
             SELECT r.id, r.address_key, r.candidate_uprn, a.label AS candidate_label, a.postcode AS candidate_postcode,
                    r.score, r.reasons, r.status, r.created_at, u.username AS decided_by, d.decided_at,
                    g.address_text, g.postcode, coalesce(g.spellings, 0) AS spellings, coalesce(g.rows, 0) AS rows, g.feeds
             FROM item r
             ${withoutRows ? sql`LEFT JOIN` : sql`JOIN`} grouped g ON g.id = r.id
             LEFT JOIN addresses a ON a.uprn = r.candidate_uprn
             LEFT JOIN address_decisions d ON d.address_key = r.address_key AND d.candidate_uprn = r.candidate_uprn
             LEFT JOIN users u ON u.id = d.decided_by
             ORDER BY ${order}
             LIMIT ${limit}`;
}

const normalise = (r: AddressReviewRow): AddressReviewRow => ({
  ...r,
  id: Number(r.id),
  candidate_uprn: Number(r.candidate_uprn),
  score: Number(r.score),
  feeds: r.feeds ?? [],
});

/** Open items, those touching most rows first (one decision settles them all); or decided ones, newest first. */
export async function listAddressReviews(db: Db, status: 'open' | 'decided', limit = 50): Promise<AddressReviewRow[]> {
  const query =
    status === 'open'
      ? itemQuery(sql`r.status = 'open'`, sql`g.rows DESC, r.score DESC, r.id`, limit)
      : itemQuery(sql`r.status <> 'open'`, sql`d.decided_at DESC NULLS LAST, r.id`, limit);
  return (await rows<AddressReviewRow>(db, query)).map(normalise);
}

export async function countOpenAddressReviews(db: Db): Promise<number> {
  const [r] = await rows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM address_reviews r
        WHERE r.status = 'open'
          AND EXISTS (SELECT 1 FROM involvements i
                      WHERE i.address_key = r.address_key AND i.address_candidate_uprn = r.candidate_uprn
                        AND i.address_candidate_uprn IS NOT NULL AND i.address_match = 'possible')`,
  );
  return r?.n ?? 0;
}

export async function getAddressReview(db: Db, id: number): Promise<AddressReviewRow | undefined> {
  const [r] = await rows<AddressReviewRow>(db, itemQuery(sql`r.id = ${id}`, sql`r.id`, 1, true));
  return r && normalise(r);
}

/**
 * Records a steward's decision on an item and applies it to every row of the item: "same" gives
 * them the candidate's UPRN (address_match 'confirmed'), "different" leaves them unmatched with
 * the candidate kept for the record. Person records of those rows follow their row's UPRN. A
 * later decision on the same item replaces the earlier one. Returns the candidate UPRN, or null
 * when there is no such item.
 */
export async function decideAddressReview(db: Db, id: number, decision: AddressDecision, userId: number): Promise<number | null> {
  return db.transaction(async (tx) => {
    const [item] = await tx.select().from(addressReviews).where(eq(addressReviews.id, id)).for('update');
    if (!item) return null;
    await tx
      .insert(addressDecisions)
      .values({ addressKey: item.addressKey, candidateUprn: item.candidateUprn, decision, decidedBy: userId })
      .onConflictDoUpdate({
        target: [addressDecisions.addressKey, addressDecisions.candidateUprn],
        set: { decision, decidedBy: userId, decidedAt: sql`now()` },
      });
    await tx.update(addressReviews).set({ status: decision }).where(eq(addressReviews.id, id));
    const uprn = decision === 'same' ? item.candidateUprn : null;
    const match = decision === 'same' ? 'confirmed' : 'unmatched';
    await tx.execute(
      sql`WITH settled AS (
            UPDATE involvements
            SET uprn = ${uprn}::bigint, address_match = ${match}, updated_at = now()
            WHERE address_key = ${item.addressKey} AND address_candidate_uprn = ${item.candidateUprn}
              AND address_match IN ('possible', 'confirmed', 'unmatched')
            RETURNING person_record_id)
          UPDATE person_records SET uprn = ${uprn}::bigint
          WHERE id IN (SELECT person_record_id FROM settled WHERE person_record_id IS NOT NULL)`,
    );
    return item.candidateUprn;
  });
}

/** Every decision, for the feed pipeline to apply over the matcher (loaded once per file). */
export async function getAddressDecisions(db: Db): Promise<{ addressKey: string; candidateUprn: number; decision: AddressDecision }[]> {
  const all = await db
    .select({ addressKey: addressDecisions.addressKey, candidateUprn: addressDecisions.candidateUprn, decision: addressDecisions.decision })
    .from(addressDecisions);
  return all.map((d) => ({ ...d, candidateUprn: Number(d.candidateUprn), decision: d.decision as AddressDecision }));
}
