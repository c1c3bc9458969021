// What the sharing agreement adds to a lookup: break-glass uses waiting for a supervisor's
// review, and the notifications a lead team receives when another organisation looks at an
// address where it holds an open case.
import { sql } from 'drizzle-orm';
import { pgTable, bigserial, integer, text, timestamp, bigint, boolean, index, check } from 'drizzle-orm/pg-core';
import { uprnColumn } from './columns.ts';
import { users } from './users.ts';
import { organisations, teams } from './organisations.ts';

/** A responder asked to see more than the agreement allows at one address: granted at once, reviewed after. */
export const breakGlass = pgTable(
  'break_glass',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    uprn: uprnColumn('uprn').notNull(),
    /** In the responder's words: why they needed more (no case data is asked for). */
    reason: text('reason').notNull(),
    purpose: text('purpose').notNull(),
    reference: text('reference'),
    grantedAt: timestamp('granted_at', { withTimezone: true, mode: 'date' }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    reviewedBy: integer('reviewed_by').references(() => users.id),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true, mode: 'date' }),
    /** justified or not-justified: the supervisor's finding. */
    outcome: text('outcome'),
  },
  (t) => [
    index('break_glass_user_uprn_idx').on(t.userId, t.uprn, t.expiresAt),
    index('break_glass_unreviewed_idx')
      .on(t.organisationId, t.grantedAt)
      .where(sql`reviewed_at IS NULL`),
    check('break_glass_outcome_known', sql`${t.outcome} IS NULL OR ${t.outcome} IN ('justified', 'not-justified')`),
    check('break_glass_reviewed_together', sql`(${t.reviewedAt} IS NULL) = (${t.outcome} IS NULL) AND (${t.reviewedAt} IS NULL) = (${t.reviewedBy} IS NULL)`),
  ],
);

/**
 * "Someone from another organisation looked here": for the team that leads an open case at the
 * address. Names the viewer's organisation, role and purpose, and when: what the lead worker
 * needs to follow up, nothing of what was seen.
 */
export const leadNotifications = pgTable(
  'lead_notifications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    teamId: integer('team_id')
      .notNull()
      .references(() => teams.id),
    /** Where the open case is (null when a person was looked up and their case names no matched address). */
    uprn: uprnColumn('uprn'),
    /** The person with the open case, when the case names one. */
    personId: bigint('person_id', { mode: 'number' }),
    /** What was looked up: the address, or the person (by name or from an address page). */
    subjectKind: text('subject_kind').notNull().default('address'),
    viewerUserId: integer('viewer_user_id')
      .notNull()
      .references(() => users.id),
    viewerOrganisationId: integer('viewer_organisation_id')
      .notNull()
      .references(() => organisations.id),
    viewerRole: text('viewer_role').notNull(),
    purpose: text('purpose').notNull(),
    reference: text('reference'),
    /** The viewer broke the glass to see more than the agreement allows. */
    breakGlass: boolean('break_glass').notNull().default(false),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    readAt: timestamp('read_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    index('lead_notifications_team_at_idx').on(t.teamId, t.at),
    // A viewer's notices at one place in the last hour: the check that tells a team once, not at every view.
    index('lead_notifications_viewer_uprn_at_idx').on(t.viewerUserId, t.uprn, t.at),
    check('lead_notifications_subject_known', sql`${t.subjectKind} IN ('address', 'person') AND (${t.subjectKind} = 'person' OR ${t.uprn} IS NOT NULL)`),
  ],
);
