// The pseudonymised copy kept for trend reporting once live data passes 12 months: no names,
// no dates of birth, no UPRNs. People and addresses are keyed hashes (HMAC-SHA-256 with a secret
// kept outside the database, so the copy cannot be joined back to the live tables by anyone
// holding only the database), dates are months, places are postcode districts. Deleted after 36
// months.
// Nothing in a row may tell a day: no timestamp, and a random id (a serial id would number the
// rows of each daily run together, and a run takes the rows whose last day was 12 months before it).
import { pgTable, boolean, date, integer, text, index, uuid } from 'drizzle-orm/pg-core';
import { feedColumn } from './columns.ts';

export const trendInvolvements = pgTable(
  'trend_involvements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    feed: feedColumn(),
    category: text('category').notNull(),
    /** The first day of the contact's month (a case's opening month). */
    month: date('month', { mode: 'string' }).notNull(),
    /** The first day of the month of its last date (a closed case's closing month, else the
     * contact's month): the copy's 36 months count from it, as the live 12 months do. */
    lastMonth: date('last_month', { mode: 'string' }).notNull(),
    /** "MB3": the outward code only. */
    postcodeDistrict: text('postcode_district'),
    /** HMAC of the person id / the UPRN: the same person or address gives the same key. */
    personKey: text('person_key'),
    addressKey: text('address_key'),
    /** Whether the case was still open when it left the live tables. */
    wasOpen: boolean('was_open').notNull(),
    attendance: text('attendance'),
  },
  (t) => [
    index('trend_involvements_month_idx').on(t.month),
    index('trend_involvements_feed_month_idx').on(t.feed, t.month),
    index('trend_involvements_last_month_idx').on(t.lastMonth),
  ],
);

/**
 * The pseudonymised copy of an alert and what came of it, made when the alert leaves the live
 * tables (its newest evidence is over 12 months old), so that alert outcomes can be reported over
 * the 36 months as contacts are. Months and durations only, never a day; keys as above.
 */
export const trendAlerts = pgTable(
  'trend_alerts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    rule: text('rule').notNull(),
    /** address or person */
    subjectKind: text('subject_kind').notNull(),
    /** The feed of the team that led it (acknowledged and closed it). */
    leadFeed: text('lead_feed').notNull(),
    /** The feeds whose contacts the evidence counted when it was last updated. */
    agencies: text('agencies').array().notNull(),
    raisedMonth: date('raised_month', { mode: 'string' }).notNull(),
    /** The month of its newest evidence, or of its closing if later: the 36 months count from it. */
    lastMonth: date('last_month', { mode: 'string' }).notNull(),
    /** Whole hours from raised to acknowledged (null if it never was). */
    hoursToAcknowledge: integer('hours_to_acknowledge'),
    closedMonth: date('closed_month', { mode: 'string' }),
    /** A code from the closing reasons (shared/src/alerts/close-reasons.ts). */
    closedReason: text('closed_reason'),
    postcodeDistrict: text('postcode_district'),
    /** A person alert's subject, at the month it was raised: an age band and sex (the equality report). */
    ageBand: text('age_band'),
    sex: text('sex'),
    personKey: text('person_key'),
    addressKey: text('address_key'),
  },
  (t) => [index('trend_alerts_raised_month_idx').on(t.raisedMonth), index('trend_alerts_last_month_idx').on(t.lastMonth)],
);
