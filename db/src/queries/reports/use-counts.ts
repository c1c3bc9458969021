// Use: lookups and other actions by organisation, role and purpose; lead-team notices; break-glass.
import { sql } from 'drizzle-orm';
import type { Db } from '../../database.ts';
import { rows } from '../rows.ts';
import { monthStart } from './report-role.ts';

export interface UseCount {
  month: string;
  organisation: string | null;
  organisationKind: string | null;
  role: string | null;
  action: string;
  purpose: string | null;
  n: number;
}

export function useCounts(tx: Db, from: string, to: string): Promise<UseCount[]> {
  return rows<UseCount>(
    tx,
    sql`SELECT to_char(month, 'YYYY-MM') AS month, organisation, organisation_kind AS "organisationKind", role, action, purpose, n
        FROM report_use WHERE month >= ${monthStart(from)} AND month <= ${monthStart(to)}`,
  );
}

export interface NotificationCount {
  month: string;
  teamFeed: string;
  viewerOrganisationKind: string;
  viewerRole: string;
  purpose: string;
  subjectKind: string;
  breakGlass: boolean;
  n: number;
}

export function notificationCounts(tx: Db, from: string, to: string): Promise<NotificationCount[]> {
  return rows<NotificationCount>(
    tx,
    sql`SELECT to_char(month, 'YYYY-MM') AS month, team_feed AS "teamFeed", viewer_organisation_kind AS "viewerOrganisationKind",
               viewer_role AS "viewerRole", purpose, subject_kind AS "subjectKind", break_glass AS "breakGlass", n
        FROM report_lead_notifications WHERE month >= ${monthStart(from)} AND month <= ${monthStart(to)}`,
  );
}

export interface BreakGlassCount {
  month: string;
  organisation: string;
  organisationKind: string;
  outcome: 'justified' | 'not-justified' | null;
  n: number;
}

export function breakGlassCounts(tx: Db, from: string, to: string): Promise<BreakGlassCount[]> {
  return rows<BreakGlassCount>(
    tx,
    sql`SELECT to_char(month, 'YYYY-MM') AS month, organisation, organisation_kind AS "organisationKind", outcome, n
        FROM report_break_glass WHERE month >= ${monthStart(from)} AND month <= ${monthStart(to)}`,
  );
}
