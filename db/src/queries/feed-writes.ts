// Writes of the feed pipeline. Each takes a Db that is normally the upload's transaction, so a
// file lands whole or not at all.
import { and, eq, sql, ne, desc, inArray, notExists } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { feedUploads, rejectedRows } from '../schema/feeds.ts';
import { persons, personRecords } from '../schema/people.ts';
import { involvements } from '../schema/involvements.ts';
import { excludedSet } from './rows.ts';

export type UploadInsert = typeof feedUploads.$inferInsert;
export type UploadRow = typeof feedUploads.$inferSelect;

export async function findUploadBySha(db: Db, feed: string, sha256: string): Promise<UploadRow | undefined> {
  const [row] = await db.select().from(feedUploads).where(and(eq(feedUploads.feed, feed), eq(feedUploads.sha256, sha256)));
  return row;
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

export async function getRejectedRows(db: Db, uploadId: number) {
  return db
    .select({ rowNumber: rejectedRows.rowNumber, reasons: rejectedRows.reasons })
    .from(rejectedRows)
    .where(eq(rejectedRows.uploadId, uploadId))
    .orderBy(rejectedRows.rowNumber);
}

export async function listUploads(db: Db, feed?: string) {
  return db
    .select()
    .from(feedUploads)
    .where(feed ? eq(feedUploads.feed, feed) : undefined)
    .orderBy(desc(feedUploads.receivedAt), desc(feedUploads.id));
}

/** Matched people: one id per match key, created when first seen. Returns key -> id. */
export async function upsertPersons(
  db: Db,
  people: { matchKey: string; givenName: string; familyName: string; dateOfBirth: string }[],
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  if (people.length === 0) return ids;
  const result = await db
    .insert(persons)
    .values(people)
    // The no-op update makes RETURNING give the id of a person that already existed.
    .onConflictDoUpdate({ target: persons.matchKey, set: { matchKey: sql`excluded.match_key` } })
    .returning({ id: persons.id, matchKey: persons.matchKey });
  for (const r of result) ids.set(r.matchKey, r.id);
  return ids;
}

export type PersonRecordInsert = typeof personRecords.$inferInsert;

export async function upsertPersonRecords(db: Db, records: PersonRecordInsert[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  if (records.length === 0) return ids;
  const result = await db
    .insert(personRecords)
    .values(records)
    .onConflictDoUpdate({
      target: [personRecords.feed, personRecords.sourceId],
      set: excludedSet(personRecords, ['personId', 'givenName', 'familyName', 'dateOfBirth', 'sex', 'nhsNumber', 'uprn'] as const),
    })
    .returning({ id: personRecords.id, sourceId: personRecords.sourceId });
  for (const r of result) ids.set(r.sourceId, r.id);
  return ids;
}

/** A corrected row that no longer names a person must not keep the old person's record. */
export async function deletePersonRecords(db: Db, feed: string, sourceIds: string[]): Promise<void> {
  if (sourceIds.length === 0) return;
  await db
    .delete(personRecords)
    .where(
      and(
        eq(personRecords.feed, feed),
        inArray(personRecords.sourceId, sourceIds),
        notExists(db.select({ one: sql`1` }).from(involvements).where(eq(involvements.personRecordId, personRecords.id))),
      ),
    );
}

export type InvolvementInsert = typeof involvements.$inferInsert;

export async function upsertInvolvements(db: Db, batch: InvolvementInsert[]): Promise<void> {
  if (batch.length === 0) return;
  await db
    .insert(involvements)
    .values(batch)
    .onConflictDoUpdate({
      target: [involvements.feed, involvements.sourceId],
      set: {
        ...excludedSet(involvements, [
          'uprn', 'addressMatch', 'addressText', 'postcode', 'personRecordId', 'personId', 'category',
          'contactDate', 'open', 'closedOn', 'attendance', 'leadTeamId', 'uploadId',
        ] as const),
        updatedAt: sql`now()`,
      },
    });
}

/** Snapshot feeds: an open case that today's file no longer lists is closed, on this date. */
export async function closeCasesMissingFrom(db: Db, feed: string, uploadId: number, closedOn: string): Promise<number> {
  const closed = await db
    .update(involvements)
    .set({ open: false, closedOn, updatedAt: sql`now()` })
    .where(and(eq(involvements.feed, feed), eq(involvements.open, true), ne(involvements.uploadId, uploadId)))
    .returning({ id: involvements.id });
  return closed.length;
}
