// How an alert reads: the counts by agency in its window, the newest contact, the lead team, and
// the reasons a lead agency may close it with. Pure functions; shapes from @mast/shared.
import type { Alert } from '@mast/shared';
import { ALERT_CLOSE_REASONS } from '@mast/shared/alerts/close-reasons';
import { formatDate } from './format.ts';

/** "Police 6 · NHS A&E 4 · Fire 2 in 13 weeks". */
export function alertCountsText(evidence: Alert['evidence']): string {
  const counts = evidence.counts.map((c) => `${c.agencyName} ${c.contacts}`).join(' · ');
  const window = `${evidence.windowWeeks} week${evidence.windowWeeks === 1 ? '' : 's'}`;
  return counts ? `${counts} in ${window}` : `In ${window}`;
}

/** "Latest contact 14 Nov 2026". */
export function latestContactText(evidence: Alert['evidence']): string {
  return `Latest contact ${formatDate(evidence.latest)}`;
}

export function alertStateText(alert: Pick<Alert, 'state' | 'acknowledgedAt'>): string {
  if (alert.state === 'acknowledged') return alert.acknowledgedAt ? `Acknowledged by the lead team on ${formatDate(alert.acknowledgedAt)}` : 'Acknowledged by the lead team';
  return 'Open: not yet acknowledged by the lead team';
}

/** The reasons a lead agency closes an alert with, and their words. */
export const CLOSE_REASONS = ALERT_CLOSE_REASONS;

/** Alerts with one lead team share its phone lines on an address page: shown once, not per alert. */
function leadKey(alert: Pick<Alert, 'lead'>): string {
  return `${alert.lead.organisation}\n${alert.lead.contact.team}\n${alert.lead.contact.phone}`;
}

/**
 * The alerts of one address in the order given, but with each lead team's together (first seen
 * first), and which of them shows the team's phone lines: the first of each team's.
 */
export function alertsByLead<T extends Pick<Alert, 'lead'>>(alerts: readonly T[]): { alert: T; showCall: boolean }[] {
  const groups = new Map<string, T[]>();
  for (const alert of alerts) {
    const key = leadKey(alert);
    groups.set(key, [...(groups.get(key) ?? []), alert]);
  }
  return [...groups.values()].flatMap((group) => group.map((alert, i) => ({ alert, showCall: i === 0 })));
}
