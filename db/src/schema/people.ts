// People known to partners. person_records keeps one row per source record (what a feed said);
// persons is the matched person those records link to. Matching is replaceable: only the
// person_id link changes when a better matcher relinks records.
import { pgTable, bigserial, bigint, text, date, uniqueIndex, index } from 'drizzle-orm/pg-core';
import { feedColumn, uprnColumn, createdAt } from './columns.ts';

export const persons = pgTable(
  'persons',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    givenName: text('given_name').notNull(),
    familyName: text('family_name').notNull(),
    dateOfBirth: date('date_of_birth', { mode: 'string' }).notNull(),
    /** The key the current matcher links on (normalised name + date of birth). */
    matchKey: text('match_key').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('persons_match_key_key').on(t.matchKey)],
);

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
  },
  (t) => [
    uniqueIndex('person_records_feed_source_key').on(t.feed, t.sourceId),
    index('person_records_person_idx').on(t.personId),
    index('person_records_uprn_idx').on(t.uprn),
  ],
);
