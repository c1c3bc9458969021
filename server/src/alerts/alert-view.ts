// An alert as one viewer may see it. The evidence names agencies, so an alert drawing on an
// agency the sharing agreement shares nothing of with the viewer is not shown to them at all
// (its very existence would tell of that agency's involvement), and one at a place a partner
// marked sensitive only to roles that may find such places. The lead agency's staff may act on it.
import { AGENCIES, AGENCY_ORDER, type Alert, type AlertRules, type FeedId, type ViewerRules } from '@mast/shared';
import type { AlertRow } from '@mast/db';
import { sharedOf } from '../lookup/address-summary.ts';

export interface AlertViewer {
  /** null: everything (break-glass). */
  rules: ViewerRules | null;
  seesSensitive: boolean;
  organisationId: number;
}

export function alertsForViewer(rows: readonly AlertRow[], viewer: AlertViewer, alertRules: AlertRules): Alert[] {
  const byCode = new Map(alertRules.rules.map((r) => [r.code, r]));
  const out: Alert[] = [];
  for (const row of rows) {
    if (row.sensitive && !viewer.seesSensitive) continue;
    const feeds = AGENCY_ORDER.filter((f) => (row.evidence.counts[f] ?? 0) > 0);
    if (feeds.some((f) => sharedOf(viewer.rules, f) === 'none')) continue;
    const rule = byCode.get(row.rule);
    out.push({
      id: row.id,
      rule: row.rule,
      title: rule?.title ?? 'Alert under an earlier version of the rules',
      explain: rule?.explain ?? 'The rule that raised this alert is no longer in the rules file; its evidence is as it was last counted.',
      subject: row.subject_kind,
      address: row.uprn && row.label ? { uprn: row.uprn, label: row.label, postcode: row.postcode ?? '' } : null,
      evidence: {
        counts: feeds.map((f: FeedId) => ({ agency: f, agencyName: AGENCIES[f].name, contacts: row.evidence.counts[f]! })),
        windowWeeks: row.evidence.windowWeeks,
        latest: row.evidence.latest,
      },
      state: row.state,
      raisedAt: row.raised_at,
      updatedAt: row.updated_at,
      acknowledgedAt: row.acknowledged_at,
      lead: {
        organisation: row.organisation,
        contact: {
          team: row.team,
          phone: row.phone,
          hours: row.hours,
          outOfHours: row.out_of_hours_name !== null && row.out_of_hours_phone !== null ? { name: row.out_of_hours_name, phone: row.out_of_hours_phone } : null,
        },
      },
      canAct: row.team_organisation_id === viewer.organisationId,
    });
  }
  return out;
}
