// People known to partners. person_records keeps one row per source record (what a feed said);
// persons is the matched person (a cluster of linked records) with a stable id. Only the
// person_id link changes when the matcher relinks records.
import { sql } from 'drizzle-orm';
import { pgTable, bigserial, bigint, integer, serial, text, date, jsonb, timestamp, uniqueIndex, index } from 'drizzle-orm/pg-core';
import { feedColumn, uprnColumn, createdAt } from './columns.ts';

export const persons = pgTable('persons', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  /** How the person is shown: as the first record that created them named them. */
  givenName: text('given_name').notNull(),
  familyName: text('family_name').notNull(),
  dateOfBirth: date('date_of_birth', { mode: 'string' }).notNull(),
  createdAt: createdAt(),
});

/** The person matcher's trained model (m and u probabilities), newest last. */
export const personLinkModels = pgTable('person_link_models', {
  id: serial('id').primaryKey(),
  trainedAt: timestamp('trained_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  /** How many records it was trained on: retrained when the records double. */
  records: integer('records').notNull(),
  model: jsonb('model').notNull(),
});

export const personRecords = pgTable(
  'person_records',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    feed: feedColumn(),
    sourceId: text('source_id').notNull(),
    personId: bigint('person_id', { mode: 'number' })
      .notNull()
      .references(() => persons.id),
    givenName: text('given_name').notNull(),
    familyName: text('family_name').notNull(),
    dateOfBirth: date('date_of_birth', { mode: 'string' }).notNull(),
    sex: text('sex'),
    nhsNumber: text('nhs_number'),
    uprn: uprnColumn('uprn'),
    /** The row's postcode (normalised) and its building number and street as the matcher reads
     * them ("10 highstreet"): compared when no UPRN could be matched, never shown. */
    postcode: text('postcode'),
    streetKey: text('street_key'),
  },
  (t) => [
    uniqueIndex('person_records_feed_source_key').on(t.feed, t.sourceId),
    index('person_records_person_idx').on(t.personId),
    index('person_records_uprn_idx').on(t.uprn),
    // Finding a person: by date of birth (and the same day with day and month swapped), by NHS number.
    index('person_records_dob_idx').on(t.dateOfBirth),
    index('person_records_nhs_number_idx').on(t.nhsNumber).where(sql`${t.nhsNumber} IS NOT NULL`),
  ],
);
