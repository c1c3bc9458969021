// Partner organisations and their teams. A team's duty contact is what a lookup shows under
// "whom to call"; it is reference data sent with the partner's onboarding, not case data.
import { pgTable, serial, text, integer, uniqueIndex } from 'drizzle-orm/pg-core';
import { feedColumn } from './columns.ts';

export const organisations = pgTable('organisations', {
  id: serial('id').primaryKey(),
  name: text('name').notNull().unique(),
});

export const teams = pgTable(
  'teams',
  {
    id: serial('id').primaryKey(),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    feed: feedColumn(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    phone: text('phone').notNull(),
    hours: text('hours').notNull(),
  },
  (t) => [uniqueIndex('teams_feed_code_key').on(t.feed, t.code)],
);
