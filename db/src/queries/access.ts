// Break-glass uses and lead-team notifications (see schema/access.ts).
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../database.ts';
import { breakGlass, leadNotifications } from '../schema/access.ts';
import { rows } from './rows.ts';
import { appendAuditEntry, auditEntryStatement } from './audit.ts';
import type { AuditEntry } from './auth.ts';

export async function grantBreakGlass(
  db: Db,
  use: { userId: number; organisationId: number; uprn: number; reason: string; purpose: string; reference: string | null; grantedAt: Date; expiresAt: Date },
): Promise<number> {
  const [row] = await db.insert(breakGlass).values(use).returning({ id: breakGlass.id });
  return row!.id;
}

export interface BreakGlassUse {
  id: number;
  user_display_name: string;
  user_role: string;
  uprn: number;
  address_label: string | null;
  reason: string;
  purpose: string;
  reference: string | null;
  granted_at: string;
  expires_at: string;
  reviewed_at: string | null;
  reviewer_display_name: string | null;
  outcome: string | null;
}

/** The organisation's break-glass uses, those awaiting review first, newest first. */
export async function listBreakGlass(db: Db, organisationId: number, limit = 50): Promise<BreakGlassUse[]> {
  return rows<BreakGlassUse>(
    db,
    sql`SELECT b.id, u.display_name AS user_display_name, u.role AS user_role, b.uprn, a.label AS address_label,
               b.reason, b.purpose, b.reference, b.granted_at::text, b.expires_at::text, b.reviewed_at::text,
               r.display_name AS reviewer_display_name, b.outcome
        FROM break_glass b
        JOIN users u ON u.id = b.user_id
        LEFT JOIN users r ON r.id = b.reviewed_by
        LEFT JOIN addresses a ON a.uprn = b.uprn
        WHERE b.organisation_id = ${organisationId}
        ORDER BY (b.reviewed_at IS NULL) DESC, b.granted_at DESC
        LIMIT ${limit}`,
  );
}

/**
 * Records a supervisor's finding on one use of their own organisation, once. Returns the use's
 * address and its user, or null when there is no such unreviewed use in that organisation (the
 * same answer for another organisation's id, so ids tell nothing).
 */
export async function reviewBreakGlass(
  db: Db,
  review: { id: number; organisationId: number; reviewerId: number; outcome: 'justified' | 'not-justified'; at: Date },
): Promise<{ uprn: number; userId: number } | null> {
  const [row] = await db
    .update(breakGlass)
    .set({ reviewedBy: review.reviewerId, reviewedAt: review.at, outcome: review.outcome })
    .where(and(eq(breakGlass.id, review.id), eq(breakGlass.organisationId, review.organisationId), isNull(breakGlass.reviewedAt)))
    .returning({ uprn: breakGlass.uprn, userId: breakGlass.userId });
  return row ?? null;
}

export interface LeadNotice {
  teamId: number;
  /** Where the open case is; null only when a person was looked up and the case names no matched address. */
  uprn: number | null;
  personId: number | null;
  /** What was looked at: the address (the default), or the person. */
  subject?: 'address' | 'person';
}

export interface LeadViewer {
  userId: number;
  organisationId: number;
  role: string;
  purpose: string;
  reference: string | null;
  breakGlass: boolean;
  at: Date;
}

/**
 * Writes the audit entry of a view and, in the same statement (one commit, so neither is kept
 * without the other), tells each lead team of the look at an address where it holds an open case,
 * unless the same viewer was already noted there for that team within the hour for the same
 * purpose and reference (a page reloaded is one look; another incident is another).
 */
export async function recordViewTellingLeads(db: Db, entry: AuditEntry, notices: readonly LeadNotice[], viewer: LeadViewer): Promise<void> {
  if (notices.length === 0) return appendAuditEntry(db, entry);
  const hourBefore = new Date(viewer.at.getTime() - 3600_000).toISOString();
  const told = sql`told AS (
      INSERT INTO lead_notifications (team_id, uprn, person_id, subject_kind, viewer_user_id, viewer_organisation_id, viewer_role, purpose, reference, break_glass, at)
      SELECT n.team_id, n.uprn, n.person_id, n.subject_kind, ${viewer.userId}, ${viewer.organisationId}, ${viewer.role}, ${viewer.purpose}, ${viewer.reference}, ${viewer.breakGlass}, ${viewer.at.toISOString()}::timestamptz
      FROM unnest(${sql.param(notices.map((n) => n.teamId))}::int[], ${sql.param(notices.map((n) => n.uprn))}::bigint[], ${sql.param(notices.map((n) => n.personId))}::bigint[],
                  ${sql.param(notices.map((n) => n.subject ?? 'address'))}::text[]) AS n(team_id, uprn, person_id, subject_kind)
      WHERE NOT EXISTS (SELECT 1 FROM lead_notifications l
                        WHERE l.viewer_user_id = ${viewer.userId} AND l.uprn IS NOT DISTINCT FROM n.uprn AND l.at > ${hourBefore}::timestamptz
                          AND l.subject_kind = n.subject_kind AND (n.subject_kind = 'address' OR l.person_id = n.person_id)
                          AND l.team_id = n.team_id AND l.purpose = ${viewer.purpose} AND l.reference IS NOT DISTINCT FROM ${viewer.reference}::text))`;
  const { statement, name } = auditEntryStatement(entry, { name: 'telling-leads', steps: [told] });
  await rows(db, statement, name);
}

export interface LeadNotificationRow {
  id: number;
  uprn: number | null;
  address_label: string | null;
  subject_kind: 'address' | 'person';
  person_id: number | null;
  /** The person looked up, when a person was (the lead team holds their case). */
  person_name: string | null;
  viewer_display_name: string;
  viewer_organisation: string;
  viewer_role: string;
  purpose: string;
  reference: string | null;
  break_glass: boolean;
  at: string;
  read_at: string | null;
}

/** A team's notifications, newest first. */
export async function listLeadNotifications(db: Db, teamId: number, limit = 50): Promise<LeadNotificationRow[]> {
  return rows<LeadNotificationRow>(
    db,
    sql`SELECT n.id, n.uprn, a.label AS address_label, n.subject_kind, n.person_id,
               CASE WHEN n.subject_kind = 'person' THEN p.given_name || ' ' || p.family_name END AS person_name,
               u.display_name AS viewer_display_name, o.name AS viewer_organisation,
               n.viewer_role, n.purpose, n.reference, n.break_glass, n.at::text, n.read_at::text
        FROM lead_notifications n
        JOIN users u ON u.id = n.viewer_user_id
        JOIN organisations o ON o.id = n.viewer_organisation_id
        LEFT JOIN addresses a ON a.uprn = n.uprn
        LEFT JOIN persons p ON p.id = n.person_id
        WHERE n.team_id = ${teamId}
        ORDER BY n.at DESC, n.id DESC
        LIMIT ${limit}`,
  );
}

/** Marks one of the team's notifications read; false when the team has no such notification. */
export async function markLeadNotificationRead(db: Db, teamId: number, id: number, at: Date): Promise<boolean> {
  const done = await db
    .update(leadNotifications)
    .set({ readAt: sql`COALESCE(${leadNotifications.readAt}, ${at.toISOString()}::timestamptz)` })
    .where(and(eq(leadNotifications.id, id), eq(leadNotifications.teamId, teamId)))
    .returning({ id: leadNotifications.id });
  return done.length > 0;
}

export async function countUnreadLeadNotifications(db: Db, teamId: number): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(leadNotifications)
    .where(and(eq(leadNotifications.teamId, teamId), isNull(leadNotifications.readAt)));
  return r?.n ?? 0;
}

