// Streets and named buildings of the gazetteer, derived from it after each load. Type-ahead
// first finds the few streets or buildings a query names (a few thousand rows, not 120,000
// addresses), then the addresses on them: fast, and it ranks the way people type.
import { pgTable, serial, text, index, uniqueIndex } from 'drizzle-orm/pg-core';

export const placeNames = pgTable(
  'place_names',
  {
    id: serial('id').primaryKey(),
    /** street: every address on a street; building: every address in a named building. */
    kind: text('kind').notNull(),
    street: text('street').notNull(),
    locality: text('locality').notNull(),
    town: text('town').notNull(),
    /** '' for a street. */
    buildingName: text('building_name').notNull(),
    /** Building and street name only, in search form: what a query is mostly scored on. */
    nameText: text('name_text').notNull(),
    /** nameText with locality and town: found through the trigram index. */
    searchText: text('search_text').notNull(),
  },
  (t) => [uniqueIndex('place_names_key').on(t.kind, t.street, t.locality, t.town, t.buildingName)],
);
