// Involvements: which agency had contact with which address and/or person, when, of what kind.
// Flags, codes, dates and a team only: there is no column for free text, by design.
import { pgTable, bigserial, bigint, integer, text, date, boolean, real, timestamp, uniqueIndex, index } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { feedColumn, uprnColumn } from './columns.ts';
import { teams } from './organisations.ts';
import { persons, personRecords } from './people.ts';
import { feedUploads } from './feeds.ts';

export const involvements = pgTable(
  'involvements',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    feed: feedColumn(),
    sourceId: text('source_id').notNull(),
    /** Matched UPRN; null when the address could not be matched. */
    uprn: uprnColumn('uprn'),
    /**
     * How the UPRN was found: given (sent by the partner), matched, confirmed (a data steward
     * said the candidate is this address), possible (uncertain: no UPRN until a steward decides)
     * or unmatched. Readers go by uprn: given, matched and confirmed rows carry one.
     */
    addressMatch: text('address_match').notNull(),
    /**
     * For a 'possible' match: the UPRN it would be, kept for review, never shown as a match.
     * Kept after a steward's decision too (confirmed, or unmatched when it is not this address).
     */
    addressCandidateUprn: uprnColumn('address_candidate_uprn'),
    /** The matcher's score and the parts that agreed or disagreed (words, never values). */
    addressScore: real('address_score'),
    addressReasons: text('address_reasons').array(),
    /** The address as the partner sent it, kept so an unmatched row can be matched later. */
    addressText: text('address_text'),
    /** The address text and postcode normalised: rows with one key are one item for review. */
    addressKey: text('address_key'),
    postcode: text('postcode'),
    personRecordId: bigint('person_record_id', { mode: 'number' }).references(() => personRecords.id),
    personId: bigint('person_id', { mode: 'number' }).references(() => persons.id),
    category: text('category').notNull(),
    contactDate: date('contact_date', { mode: 'string' }).notNull(),
    /** Snapshot feeds: open case or closed; incident feeds: null. */
    open: boolean('open'),
    closedOn: date('closed_on', { mode: 'string' }),
    attendance: text('attendance'),
    /** The partner marked the address sensitive (a refuge, a protected person's home): only roles the sharing agreement names may find it. */
    sensitive: boolean('sensitive').notNull().default(false),
    leadTeamId: integer('lead_team_id')
      .notNull()
      .references(() => teams.id),
    uploadId: bigint('upload_id', { mode: 'number' })
      .notNull()
      .references(() => feedUploads.id),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('involvements_feed_source_key').on(t.feed, t.sourceId),
    index('involvements_uprn_idx').on(t.uprn, t.feed),
    index('involvements_person_idx').on(t.personId),
    index('involvements_sensitive_idx')
      .on(t.uprn)
      .where(sql`sensitive`),
    // Deleting a person record checks that no row still refers to it (retention deletes many).
    index('involvements_person_record_idx').on(t.personRecordId),
    // Only rows with a candidate (possible, or decided by a steward) are reviewed by key.
    index('involvements_address_review_idx')
      .on(t.addressKey, t.addressCandidateUprn)
      .where(sql`address_candidate_uprn IS NOT NULL`),
  ],
);
