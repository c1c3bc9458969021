// The address gazetteer, keyed by UPRN. Flats carry their building's UPRN as parent_uprn so a
// lookup of the building shows what is known at every flat in it.
import { pgTable, text, doublePrecision, index } from 'drizzle-orm/pg-core';
import { uprnColumn } from './columns.ts';

export const addresses = pgTable(
  'addresses',
  {
    uprn: uprnColumn('uprn').primaryKey(),
    parentUprn: uprnColumn('parent_uprn'),
    subBuilding: text('sub_building'),
    buildingName: text('building_name'),
    buildingNumber: text('building_number'),
    street: text('street').notNull(),
    locality: text('locality'),
    town: text('town').notNull(),
    postcode: text('postcode').notNull(),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    /** The address as one line, for display. */
    label: text('label').notNull(),
  },
  (t) => [
    index('addresses_parent_uprn_idx').on(t.parentUprn),
    index('addresses_postcode_idx').on(t.postcode),
  ],
);
