// Alerts raised by the trigger rules (shared/alert-rules/rules.yaml), and what happened after
// each: the partners asked to know what came of information shared, and the analytics read it.
// An alert holds counts by agency and dates, never a record's detail: the evidence says which
// services were involved how often, the address page and the lead worker hold the rest.
import { sql } from 'drizzle-orm';
import { pgTable, bigserial, bigint, integer, text, timestamp, date, jsonb, index, uniqueIndex, check } from 'drizzle-orm/pg-core';
import { uprnColumn } from './columns.ts';
import { users } from './users.ts';
import { teams } from './organisations.ts';
import { persons } from './people.ts';

export const alerts = pgTable(
  'alerts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** The rule's code, and the version of the rules file it was last evaluated under. */
    rule: text('rule').notNull(),
    rulesVersion: text('rules_version').notNull(),
    /** address or person */
    subjectKind: text('subject_kind').notNull(),
    /** The address's UPRN, or the person's id, as text. */
    subjectId: text('subject_id').notNull(),
    /** Where it is: the address itself, or where the person was last recorded. */
    uprn: uprnColumn('uprn'),
    personId: bigint('person_id', { mode: 'number' }).references(() => persons.id, { onDelete: 'set null' }),
    /** The team that acknowledges and closes it (its organisation is the lead agency). */
    leadTeamId: integer('lead_team_id')
      .notNull()
      .references(() => teams.id),
    /** Counts by agency in the rule's window, the window, the newest contact: no record's detail. */
    evidence: jsonb('evidence').notNull(),
    /** The newest contact the evidence counts: a closed alert is raised again only by newer ones. */
    latestContact: date('latest_contact', { mode: 'string' }).notNull(),
    /** open, acknowledged, closed */
    state: text('state').notNull().default('open'),
    raisedAt: timestamp('raised_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true, mode: 'date' }),
    acknowledgedBy: integer('acknowledged_by').references(() => users.id),
    closedAt: timestamp('closed_at', { withTimezone: true, mode: 'date' }),
    closedBy: integer('closed_by').references(() => users.id),
    /** A code from the closing reasons (shared/src/alerts), never free text. */
    closedReason: text('closed_reason'),
  },
  (t) => [
    // One alert open (or acknowledged) per rule and subject: new evidence updates it.
    uniqueIndex('alerts_one_open_idx')
      .on(t.rule, t.subjectKind, t.subjectId)
      .where(sql`state <> 'closed'`),
    index('alerts_uprn_idx').on(t.uprn),
    index('alerts_rule_subject_idx').on(t.rule, t.subjectKind, t.subjectId, t.closedAt),
    check('alerts_state_known', sql`${t.state} IN ('open', 'acknowledged', 'closed')`),
    check('alerts_subject_known', sql`${t.subjectKind} IN ('address', 'person')`),
    check('alerts_closed_whole', sql`(${t.state} = 'closed') = (${t.closedAt} IS NOT NULL) AND (${t.closedAt} IS NULL) = (${t.closedReason} IS NULL)`),
  ],
);

/** Every step of every alert, in order: raised, updated (new evidence), acknowledged, closed. */
export const alertEvents = pgTable(
  'alert_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    alertId: bigint('alert_id', { mode: 'number' })
      .notNull()
      .references(() => alerts.id, { onDelete: 'cascade' }),
    event: text('event').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    userId: integer('user_id').references(() => users.id),
    /** For a closure, its reason's code. */
    reason: text('reason'),
    /** For raised and updated, the evidence then. */
    evidence: jsonb('evidence'),
  },
  (t) => [index('alert_events_alert_idx').on(t.alertId, t.at), check('alert_events_event_known', sql`${t.event} IN ('raised', 'updated', 'acknowledged', 'closed')`)],
);
