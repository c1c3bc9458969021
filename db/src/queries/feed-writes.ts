// Writes of the feed pipeline. Each takes a Db that is normally the upload's transaction, so a
// file lands whole or not at all.
import { and, eq, sql, ne, notExists } from 'drizzle-orm';
import type { Db } from '../database.ts';
import { feedUploads, rejectedRows } from '../schema/feeds.ts';
import { persons, personRecords } from '../schema/people.ts';
import { involvements } from '../schema/involvements.ts';
import { rows } from './rows.ts';
import { COUNTS_AS_DELIVERY } from './feed-admin.ts';
import { columnList, unnestRows, updateFromExcluded, type BulkColumn } from './bulk.ts';

export type UploadInsert = typeof feedUploads.$inferInsert;
export type UploadRow = typeof feedUploads.$inferSelect;

export async function findUploadBySha(db: Db, feed: string, sha256: string): Promise<UploadRow | undefined> {
  const [row] = await db.select().from(feedUploads).where(and(eq(feedUploads.feed, feed), eq(feedUploads.sha256, sha256)));
  return row;
}

/**
 * A file with no data rows is never a duplicate (ingest.ts says why), yet (feed, sha256) is
 * unique: an earlier upload of the same bytes that had no rows gives the plain SHA-256 up and is
 * keyed "<sha256>:<its id>" instead, so the same empty file can be recorded again. Run inside the
 * upload's transaction, after the person-linking lock, so two such files cannot race.
 */
export async function releaseShaOfEmptyUploads(db: Db, feed: string, sha256: string): Promise<void> {
  await db
    .update(feedUploads)
    .set({ sha256: sql`${feedUploads.sha256} || ':' || ${feedUploads.id}` })
    .where(and(eq(feedUploads.feed, feed), eq(feedUploads.sha256, sha256), eq(feedUploads.rowsTotal, 0)));
}

/**
 * A snapshot sent again unchanged (a quiet weekend's list of open cases is the same file) is
 * still that day's word that these are the open cases: when `uploadId` is the feed's latest
 * upload that delivered data, it is marked confirmed at `at`, and its data counts as of then.
 * An older file sent again confirms nothing (the partner's list has moved on since); an upload
 * in between that applied nothing (a failed extract) changed nothing, so does not stand in the
 * way. Answers whether it confirmed.
 */
export async function confirmLatestSnapshot(db: Db, uploadId: number, at: Date): Promise<boolean> {
  const done = await rows<{ id: number }>(
    db,
    sql`UPDATE feed_uploads u SET confirmed_at = GREATEST(u.confirmed_at, ${at.toISOString()}::timestamptz)
        WHERE u.id = ${uploadId} AND ${COUNTS_AS_DELIVERY}
          AND NOT EXISTS (SELECT 1 FROM feed_uploads n
                          WHERE n.feed = u.feed AND (n.received_at, n.id) > (u.received_at, u.id) AND ${COUNTS_AS_DELIVERY})
        RETURNING u.id`,
  );
  return done.length > 0;
}

export async function createUpload(db: Db, upload: UploadInsert): Promise<number> {
  const [row] = await db.insert(feedUploads).values(upload).returning({ id: feedUploads.id });
  return row!.id;
}

export async function finishUpload(
  db: Db,
  id: number,
  counts: Pick<UploadInsert, 'rowsTotal' | 'rowsAccepted' | 'rowsRejected' | 'casesClosed' | 'addressesUnmatched'>,
): Promise<void> {
  await db.update(feedUploads).set(counts).where(eq(feedUploads.id, id));
}

export async function insertRejectedRows(db: Db, uploadId: number, rejected: { rowNumber: number; reasons: string[] }[]): Promise<void> {
  for (let i = 0; i < rejected.length; i += 1000) {
    await db.insert(rejectedRows).values(rejected.slice(i, i + 1000).map((r) => ({ uploadId, ...r })));
  }
}

/** Held until the upload's transaction ends: uploads link people one at a time. */
export async function lockPersonLinking(db: Db): Promise<void> {
  await db.execute(sql`SELECT pg_advisory_xact_lock(${PERSON_LINKING_LOCK})`);
}
/** An advisory lock's key: any constant that no other lock of mast uses. */
const PERSON_LINKING_LOCK = 7_340_001;

/**
 * Ids for people not yet written, drawn from the sequence in one round trip: the pipeline gives
 * a new person its id the moment it links the row, so the next batch can be matched while this
 * one is still being written.
 */
export async function reservePersonIds(db: Db, count: number): Promise<number[]> {
  if (count <= 0) return [];
  // One value rather than a row per id: a block is 20,000 ids, and each row is a protocol
  // message the client decodes (on PGlite, in the ingest's own thread).
  const [drawn] = await rows<{ ids: string }>(db, sql`SELECT string_agg(nextval('persons_id_seq')::text, ',') AS ids FROM generate_series(1, ${count})`);
  return drawn!.ids.split(',').map(Number);
}

/** New matched people, with ids reserved by reservePersonIds. */
export async function createPersons(db: Db, people: { id: number; givenName: string; familyName: string; dateOfBirth: string }[]): Promise<void> {
  if (people.length === 0) return;
  await db.execute(sql`INSERT INTO persons (${columnList(PERSON_COLUMNS)}) ${unnestRows(people, PERSON_COLUMNS)}`);
}

const PERSON_COLUMNS: BulkColumn<{ id: number; givenName: string; familyName: string; dateOfBirth: string }>[] = [
  { name: 'id', type: 'bigint[]', value: (p) => p.id },
  { name: 'given_name', type: 'text[]', value: (p) => p.givenName },
  { name: 'family_name', type: 'text[]', value: (p) => p.familyName },
  { name: 'date_of_birth', type: 'date[]', value: (p) => p.dateOfBirth },
];

export type PersonRecordInsert = typeof personRecords.$inferInsert;

const PERSON_RECORD_COLUMNS: BulkColumn<PersonRecordInsert>[] = [
  { name: 'feed', type: 'text[]', value: (r) => r.feed },
  { name: 'source_id', type: 'text[]', value: (r) => r.sourceId },
  { name: 'person_id', type: 'bigint[]', value: (r) => r.personId },
  { name: 'given_name', type: 'text[]', value: (r) => r.givenName },
  { name: 'family_name', type: 'text[]', value: (r) => r.familyName },
  { name: 'date_of_birth', type: 'date[]', value: (r) => r.dateOfBirth },
  { name: 'sex', type: 'text[]', value: (r) => r.sex ?? null },
  { name: 'nhs_number', type: 'text[]', value: (r) => r.nhsNumber ?? null },
  { name: 'uprn', type: 'bigint[]', value: (r) => r.uprn ?? null },
  { name: 'postcode', type: 'text[]', value: (r) => r.postcode ?? null },
  { name: 'street_key', type: 'text[]', value: (r) => r.streetKey ?? null },
];

/** Person records by (feed, source id); a record sent again keeps its id. */
function personRecordUpsert(records: PersonRecordInsert[]) {
  return sql`INSERT INTO person_records (${columnList(PERSON_RECORD_COLUMNS)}) ${unnestRows(records, PERSON_RECORD_COLUMNS)}
        ON CONFLICT (feed, source_id) DO UPDATE SET
          ${updateFromExcluded(['person_id', 'given_name', 'family_name', 'date_of_birth', 'sex', 'nhs_number', 'uprn', 'postcode', 'street_key'])}`;
}

/** Involvements a source withdrew; returns how many there were. */
export async function deleteInvolvements(db: Db, feed: string, sourceIds: string[]): Promise<number> {
  if (sourceIds.length === 0) return 0;
  // One array parameter, not one parameter per id: a batch holds thousands.
  const gone = await db
    .delete(involvements)
    .where(and(eq(involvements.feed, feed), sql`${involvements.sourceId} = ANY(${sql.param(sourceIds)}::text[])`))
    .returning({ id: involvements.id });
  return gone.length;
}

/** A corrected row that no longer names a person must not keep the old person's record.
 * Returns the persons the deleted records belonged to (settlePersons then looks at them). */
export async function deletePersonRecords(db: Db, feed: string, sourceIds: string[]): Promise<number[]> {
  if (sourceIds.length === 0) return [];
  const gone = await db
    .delete(personRecords)
    .where(
      and(
        eq(personRecords.feed, feed),
        sql`${personRecords.sourceId} = ANY(${sql.param(sourceIds)}::text[])`,
        notExists(db.select({ one: sql`1` }).from(involvements).where(eq(involvements.personRecordId, personRecords.id))),
      ),
    )
    .returning({ personId: personRecords.personId });
  return gone.map((r) => r.personId);
}

/** An involvement as the pipeline sends it: its person record is found by (feed, source id). */
export type InvolvementInsert = Omit<typeof involvements.$inferInsert, 'personRecordId'>;

const INVOLVEMENT_COLUMNS: BulkColumn<InvolvementInsert>[] = [
  { name: 'feed', type: 'text[]', value: (r) => r.feed },
  { name: 'source_id', type: 'text[]', value: (r) => r.sourceId },
  { name: 'uprn', type: 'bigint[]', value: (r) => r.uprn ?? null },
  { name: 'address_match', type: 'text[]', value: (r) => r.addressMatch },
  { name: 'address_candidate_uprn', type: 'bigint[]', value: (r) => r.addressCandidateUprn ?? null },
  { name: 'address_score', type: 'real[]', value: (r) => r.addressScore ?? null },
  // A text[] per row cannot travel in a 2-D array parameter of uneven rows: joined, then split.
  {
    name: 'address_reasons',
    type: 'text[]',
    value: (r) => (r.addressReasons ? r.addressReasons.join('|') : null),
    select: `string_to_array(t."address_reasons", '|')`,
  },
  { name: 'address_text', type: 'text[]', value: (r) => r.addressText ?? null },
  { name: 'address_key', type: 'text[]', value: (r) => r.addressKey ?? null },
  { name: 'postcode', type: 'text[]', value: (r) => r.postcode ?? null },
  { name: 'person_id', type: 'bigint[]', value: (r) => r.personId ?? null },
  { name: 'category', type: 'text[]', value: (r) => r.category },
  { name: 'contact_date', type: 'date[]', value: (r) => r.contactDate },
  { name: 'open', type: 'boolean[]', value: (r) => r.open ?? null },
  { name: 'closed_on', type: 'date[]', value: (r) => r.closedOn ?? null },
  { name: 'attendance', type: 'text[]', value: (r) => r.attendance ?? null },
  { name: 'sensitive', type: 'boolean[]', value: (r) => r.sensitive ?? false },
  { name: 'lead_team_id', type: 'integer[]', value: (r) => r.leadTeamId },
  { name: 'upload_id', type: 'bigint[]', value: (r) => r.uploadId },
];

/**
 * Involvements by (feed, source id), with the person records of the rows that name a person, in
 * one statement: each involvement takes its record's id from what the record's upsert returns
 * (same feed and source id), so the pipeline need not wait for ids, and PostgreSQL need not look
 * each record up again by its key (that look-up was 1.4 s of the 9.2 s the involvements took over
 * 200k police rows).
 */
export async function upsertInvolvements(db: Db, batch: InvolvementInsert[], records: PersonRecordInsert[]): Promise<void> {
  if (batch.length === 0 && records.length === 0) return;
  await db.execute(
    sql`WITH pr AS (${personRecordUpsert(records)} RETURNING id, feed, source_id)
        INSERT INTO involvements (${columnList(INVOLVEMENT_COLUMNS)}, person_record_id)
        SELECT t.*, pr.id
        FROM (${unnestRows(batch, INVOLVEMENT_COLUMNS)}) AS t LEFT JOIN pr ON pr.feed = t.feed AND pr.source_id = t.source_id
        ON CONFLICT (feed, source_id) DO UPDATE SET
          ${updateFromExcluded([...INVOLVEMENT_COLUMNS.slice(2).map((c) => c.name), 'person_record_id'])}, updated_at = now()`,
  );
}

/**
 * Snapshot feeds: an open case that today's file no longer lists is closed, on this date. Cases
 * in `keepOpen` stay open: their rows were in the file but rejected, so the partner still holds
 * them open and mast only could not read today's row.
 */
export async function closeCasesMissingFrom(db: Db, feed: string, uploadId: number, closedOn: string, keepOpen: readonly string[] = []): Promise<number> {
  const closed = await db
    .update(involvements)
    .set({ open: false, closedOn, updatedAt: sql`now()` })
    .where(
      and(
        eq(involvements.feed, feed),
        eq(involvements.open, true),
        ne(involvements.uploadId, uploadId),
        // An anti-join against the unnested list, not "<> ALL": a list may hold thousands.
        notExists(
          db
            .select({ one: sql`1` })
            .from(sql`unnest(${sql.param([...keepOpen])}::text[]) AS kept(source_id)`)
            .where(sql`kept.source_id = ${involvements.sourceId}`),
        ),
      ),
    )
    .returning({ id: involvements.id });
  return closed.length;
}

/** An upload as counts only, with no rows of its own (the demo borough's past deliveries). */
export interface UploadHistoryRow {
  feed: string;
  fileName: string;
  sha256: string;
  sizeBytes: number;
  receivedAt: Date;
  rowsTotal: number;
  rowsAccepted: number;
  rowsRejected: number;
  casesClosed: number;
  addressesUnmatched: number;
  via: string;
}

const UPLOAD_HISTORY_COLUMNS: BulkColumn<UploadHistoryRow>[] = [
  { name: 'feed', type: 'text[]', value: (r) => r.feed },
  { name: 'file_name', type: 'text[]', value: (r) => r.fileName },
  { name: 'sha256', type: 'text[]', value: (r) => r.sha256 },
  { name: 'size_bytes', type: 'bigint[]', value: (r) => r.sizeBytes },
  { name: 'received_at', type: 'timestamptz[]', value: (r) => r.receivedAt.toISOString() },
  { name: 'rows_total', type: 'int[]', value: (r) => r.rowsTotal },
  { name: 'rows_accepted', type: 'int[]', value: (r) => r.rowsAccepted },
  { name: 'rows_rejected', type: 'int[]', value: (r) => r.rowsRejected },
  { name: 'cases_closed', type: 'int[]', value: (r) => r.casesClosed },
  { name: 'addresses_unmatched', type: 'int[]', value: (r) => r.addressesUnmatched },
  { name: 'via', type: 'text[]', value: (r) => r.via },
];

/**
 * Uploads as counts only, in batches through unnest: no rejected rows and no involvements point
 * at them. Returns how many were written.
 */
export async function insertUploadHistory(db: Db, uploads: readonly UploadHistoryRow[], batch = 10_000): Promise<number> {
  for (let i = 0; i < uploads.length; i += batch) {
    const part = uploads.slice(i, i + batch);
    await db.execute(
      sql`INSERT INTO feed_uploads (${columnList(UPLOAD_HISTORY_COLUMNS)}, ignored_columns)
          SELECT t.*, '{}'::text[] FROM (${unnestRows(part, UPLOAD_HISTORY_COLUMNS)}) t`,
    );
  }
  return uploads.length;
}
