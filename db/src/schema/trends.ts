// The pseudonymised copy kept for trend reporting once live data passes 12 months: no names,
// no dates of birth, no UPRNs. People and addresses are keyed hashes (HMAC-SHA-256 with a secret
// kept outside the database, so the copy cannot be joined back to the live tables by anyone
// holding only the database), dates are months, places are postcode districts. Deleted after 36
// months.
import { pgTable, bigserial, boolean, date, text, index } from 'drizzle-orm/pg-core';
import { createdAt, feedColumn } from './columns.ts';

export const trendInvolvements = pgTable(
  'trend_involvements',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    feed: feedColumn(),
    category: text('category').notNull(),
    /** The first day of the contact's month. */
    month: date('month', { mode: 'string' }).notNull(),
    /** "MB3": the outward code only. */
    postcodeDistrict: text('postcode_district'),
    /** HMAC of the person id / the UPRN: the same person or address gives the same key. */
    personKey: text('person_key'),
    addressKey: text('address_key'),
    /** Whether the case was still open when it left the live tables. */
    wasOpen: boolean('was_open').notNull(),
    attendance: text('attendance'),
    createdAt: createdAt(),
  },
  (t) => [index('trend_involvements_month_idx').on(t.month), index('trend_involvements_feed_month_idx').on(t.feed, t.month)],
);
