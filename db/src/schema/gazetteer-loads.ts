// Each load of the council's gazetteer extract: when, and how many addresses it held. Its newest
// id is the gazetteer's version: the address search's copy of the gazetteer is made again when it
// changes (server/src/lookup/address-search.ts).
import { pgTable, serial, integer, timestamp } from 'drizzle-orm/pg-core';

export const gazetteerLoads = pgTable('gazetteer_loads', {
  id: serial('id').primaryKey(),
  loadedAt: timestamp('loaded_at', { withTimezone: true }).notNull().defaultNow(),
  addresses: integer('addresses').notNull(),
});
