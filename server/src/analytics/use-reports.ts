// Use of mast: lookups by organisation, role and purpose (from the audit trail, kept in full); the
// lead teams told that another organisation looked, and break-glass uses with the supervisors'
// findings (both kept 12 months, so their reports cover at most the last 12).
import { AGENCIES, ORGANISATION_KINDS, ROLE_LABELS, type OrganisationKind, type Purpose, type Report } from '@mast/shared';
import { breakGlassCounts, notificationCounts, useCounts, type Db } from '@mast/db';
import { currentAgreement } from '../access/agreement.ts';
import { FEEDS, gridReport, percent, whole } from './report-table.ts';
import { addMonths, monthName, type ReportWindow } from './report-window.ts';

/**
 * The audit actions that are a lookup: a view of an address (with or without break-glass), a view
 * of a person's page and a search for a person. The break-glass grant itself ('break-glass') is
 * not one: the look it allows is recorded as 'view-address-break-glass'.
 */
export const LOOKUP_ACTIONS = ['view-address', 'view-address-break-glass', 'view-person', 'person-search'] as const;
export const LOOKUPS: ReadonlySet<string> = new Set(LOOKUP_ACTIONS);

const LOOKUPS_NOTE =
  'A lookup is a view of an address (with or without break-glass), a view of a person’s page or a search for a person, as the audit trail records them. The audit trail is kept in full, so these counts cover every month shown.';
const KEPT_12_MONTHS =
  'The audit trail is kept in full, but lead-team notifications and break-glass records are kept 12 months, so this report covers at most the last 12 months.';
const SMALL_NOTE = 'Counts from 1 to 4 are shown as <5; where a total would give one away, the next smallest is withheld as [c].';

const ROLE_NAMES: Record<string, string> = ROLE_LABELS;
const KIND_NAMES: Record<OrganisationKind, string> = { police: 'Police', fire: 'Fire and rescue', nhs: 'NHS', council: 'Council' };
const KINDS = ORGANISATION_KINDS as readonly OrganisationKind[];

/**
 * `purposes`: the labels of the agreement's purposes (default: the agreement this process answers
 * under, already loaded); a purpose it does not name is shown by its code.
 */
export async function useReports(tx: Db, window: ReportWindow, purposes: ReadonlyMap<string, Purpose> = currentAgreement().purposes): Promise<Report[]> {
  const use = (await useCounts(tx, window.from, window.to)).filter((u) => LOOKUPS.has(u.action));
  const kept = keptMonths(window);
  const notices = kept.length ? await notificationCounts(tx, kept[0]!, kept[kept.length - 1]!) : [];
  const glass = kept.length ? await breakGlassCounts(tx, kept[0]!, kept[kept.length - 1]!) : [];
  return [
    byOrganisation(use, window),
    byRole(use, window),
    byPurpose(use, window, purposes),
    notificationsByMonth(notices, kept, window),
    notificationsByViewer(notices, kept, window),
    breakGlassByMonth(glass, kept, window),
    breakGlassByOrganisation(glass, kept, window),
  ];
}

/** The window's months no older than the 12 months notifications and break-glass records are kept. */
export function keptMonths(window: ReportWindow): string[] {
  const oldest = addMonths(window.asOf.slice(0, 7), -12);
  return window.months.filter((m) => m >= oldest);
}

type Use = Awaited<ReturnType<typeof useCounts>>;
type Notices = Awaited<ReturnType<typeof notificationCounts>>;
type Glass = Awaited<ReturnType<typeof breakGlassCounts>>;

const span = (months: readonly string[]) => `from ${monthName(months[0]!)} to ${monthName(months[months.length - 1]!)}`;

/** Rows by month, columns by key (ordered busiest first), summed. */
function monthGrid<T extends { month: string; n: number }>(items: T[], months: readonly string[], keyOf: (x: T) => string, order?: readonly string[]) {
  const totals = new Map<string, number>();
  for (const x of items) totals.set(keyOf(x), (totals.get(keyOf(x)) ?? 0) + x.n);
  const keys = order ?? [...totals.keys()].sort((a, b) => totals.get(b)! - totals.get(a)! || a.localeCompare(b));
  const at = new Map(months.map((m, i) => [m, i]));
  const counts = months.map(() => keys.map(() => 0));
  for (const x of items) if (at.has(x.month) && keys.includes(keyOf(x))) counts[at.get(x.month)!]![keys.indexOf(keyOf(x))]! += x.n;
  return { keys, counts };
}

/** "Police force made the most (41%)", from the shown column totals. */
function leaderSentence(labels: readonly string[], view: { columnTotal(c: number): number | null; grandTotal: number | null }, verb: string): string {
  const total = view.grandTotal;
  const ranked = labels.map((l, c) => ({ l, n: view.columnTotal(c) })).filter((x): x is { l: string; n: number } => x.n !== null && x.n > 0).sort((a, b) => b.n - a.n);
  return total && ranked[0] ? ` ${ranked[0].l} ${verb} the most (${whole(ranked[0].n)}, ${percent(ranked[0].n, total)}).` : '';
}

/** A grid with one column at least: a month with nothing to count still has a row of zeros. */
function orNone(grid: { keys: readonly string[]; counts: number[][] }, months: readonly string[], none: string) {
  return grid.keys.length ? grid : { keys: [none], counts: months.map(() => [0]) };
}

function byOrganisation(use: Use, window: ReportWindow): Report {
  const { keys, counts } = orNone(monthGrid(use, window.months, (u) => u.organisation ?? 'No organisation'), window.months, 'No lookups');
  return gridReport({
    id: 'lookups-by-organisation',
    title: 'Lookups by organisation, month by month',
    rowHeader: { key: 'month', label: 'Month' },
    rowLabels: window.months,
    columns: keys.map((k, i) => ({ key: `organisation-${i}`, label: k })),
    counts,
    rowTotals: true,
    columnTotals: true,
    chart: { type: 'stacked-bar', x: 'month', series: keys.map((_, i) => `organisation-${i}`), yLabel: 'Lookups' },
    caption: (view) => {
      const total = view.grandTotal;
      if (!total) return total === 0 ? `No lookups were made ${span(window.months)}.` : `Too few lookups were made ${span(window.months)} to show.`;
      return `Staff of the partners made ${whole(total)} lookups ${span(window.months)}.${leaderSentence(keys, view, 'made')}`;
    },
    notes: [LOOKUPS_NOTE, 'By the organisation of the member of staff who looked, in the month they looked (UTC).', SMALL_NOTE],
  });
}

function byRole(use: Use, window: ReportWindow): Report {
  const { keys, counts } = orNone(monthGrid(use, window.months, (u) => u.role ?? 'unknown'), window.months, 'responder');
  return gridReport({
    id: 'lookups-by-role',
    title: 'Lookups by role, month by month',
    rowHeader: { key: 'month', label: 'Month' },
    rowLabels: window.months,
    columns: keys.map((k) => ({ key: k, label: ROLE_NAMES[k] ?? k })),
    counts,
    rowTotals: true,
    columnTotals: true,
    chart: { type: 'stacked-bar', x: 'month', series: [...keys], yLabel: 'Lookups' },
    caption: (view) => {
      const total = view.grandTotal;
      if (!total) return total === 0 ? `No lookups were made ${span(window.months)}.` : `Too few lookups were made ${span(window.months)} to show.`;
      const top = keys.map((k, c) => ({ k, n: view.columnTotal(c) })).filter((x): x is { k: string; n: number } => x.n !== null && x.n > 0).sort((a, b) => b.n - a.n)[0];
      const who = top ? ` ${(ROLE_NAMES[top.k] ?? top.k).toLowerCase()}s made the most (${whole(top.n)}, ${percent(top.n, total)}).` : '';
      return `Of ${whole(total)} lookups ${span(window.months)},${who || ' too few were made by any one role to show which made the most.'}`;
    },
    notes: [LOOKUPS_NOTE, 'By the role the member of staff held when they looked.', SMALL_NOTE],
  });
}

function byPurpose(use: Use, window: ReportWindow, purposes: ReadonlyMap<string, Purpose>): Report {
  const totals = new Map<string, number>();
  for (const u of use) totals.set(u.purpose ?? '', (totals.get(u.purpose ?? '') ?? 0) + u.n);
  const codes = [...totals.keys()].sort((a, b) => totals.get(b)! - totals.get(a)! || a.localeCompare(b));
  const labels = codes.map((c) => (c === '' ? 'No purpose recorded' : (purposes.get(c)?.label ?? c)));
  return gridReport({
    id: 'lookups-by-purpose',
    title: 'Lookups by the purpose given',
    rowHeader: { key: 'purpose', label: 'Purpose' },
    rowLabels: labels,
    columns: [{ key: 'lookups', label: 'Lookups' }],
    counts: codes.map((c) => [totals.get(c)!]),
    columnTotals: true,
    sharesOfColumn: true,
    chart: { type: 'horizontal-bar', x: 'purpose', series: ['lookups'], yLabel: 'Lookups' },
    caption: (view) => {
      const first = view.cell(0, 0);
      const total = view.columnTotal(0);
      return first && total
        ? `The purpose given most often ${span(window.months)} was “${labels[0]}” (${whole(first)} lookups, ${percent(first, total)}).`
        : total === 0
          ? `No lookups were made ${span(window.months)}.`
          : `Too few lookups were made ${span(window.months)} to show their purposes.`;
    },
    notes: [
      LOOKUPS_NOTE,
      'Every lookup states why it was made, chosen from the purposes the sharing agreement gives the viewer’s role; the labels are the agreement’s.',
      SMALL_NOTE,
    ],
  });
}

function noRecords(id: string, title: string, window: ReportWindow): Report {
  return {
    id,
    title,
    caption: `These records are kept 12 months, and none of ${monthName(window.from)} to ${monthName(window.to)} is still held.`,
    notes: [KEPT_12_MONTHS],
    chart: null,
    columns: [{ key: 'month', label: 'Month', kind: 'label' }],
    rows: [],
    total: null,
    suppressed: false,
  };
}

function notificationsByMonth(notices: Notices, months: string[], window: ReportWindow): Report {
  const title = 'Lead teams told that another organisation looked, month by month';
  if (months.length === 0) return noRecords('lead-notifications-by-month', title, window);
  const { counts } = monthGrid(notices, months, (n) => n.teamFeed, FEEDS);
  const labels = FEEDS.map((f) => `${AGENCIES[f].name} team`);
  return gridReport({
    id: 'lead-notifications-by-month',
    title,
    rowHeader: { key: 'month', label: 'Month' },
    rowLabels: months,
    columns: FEEDS.map((f, i) => ({ key: f, label: labels[i]! })),
    counts,
    rowTotals: true,
    columnTotals: true,
    chart: { type: 'stacked-bar', x: 'month', series: [...FEEDS], yLabel: 'Notifications' },
    caption: (view) =>
      view.grandTotal
        ? `Lead teams were told ${whole(view.grandTotal)} times ${span(months)} that another organisation had looked at a household or person they lead on.${leaderSentence(labels, view, 'was told')}`
        : view.grandTotal === 0
          ? `No lead team was told of a look ${span(months)}.`
          : `Too few lead teams were told of a look ${span(months)} to show.`,
    notes: [KEPT_12_MONTHS, 'By the feed of the lead team that was told, in the month of the look.', SMALL_NOTE],
  });
}

function notificationsByViewer(notices: Notices, months: string[], window: ReportWindow): Report {
  const title = 'Lead teams told of a look, by who looked';
  if (months.length === 0) return noRecords('lead-notifications-by-viewer', title, window);
  const counts = FEEDS.map((f) => KINDS.map((k) => notices.filter((n) => n.teamFeed === f && n.viewerOrganisationKind === k).reduce((s, n) => s + n.n, 0)));
  return gridReport({
    id: 'lead-notifications-by-viewer',
    title,
    rowHeader: { key: 'team', label: 'Lead team told' },
    rowLabels: FEEDS.map((f) => `${AGENCIES[f].name} team`),
    columns: KINDS.map((k) => ({ key: k, label: `${KIND_NAMES[k]} looked` })),
    counts,
    rowTotals: true,
    columnTotals: true,
    chart: { type: 'stacked-bar', x: 'team', series: [...KINDS], yLabel: 'Notifications' },
    caption: (view) => {
      if (!view.grandTotal) return view.grandTotal === 0 ? `No lead team was told of a look ${span(months)}.` : `Too few lead teams were told of a look ${span(months)} to show.`;
      const ranked = KINDS.map((k, c) => ({ k, n: view.columnTotal(c) })).filter((x): x is { k: OrganisationKind; n: number } => x.n !== null && x.n > 0).sort((a, b) => b.n - a.n);
      return `Of ${whole(view.grandTotal)} notifications ${span(months)}${ranked[0] ? `, ${percent(ranked[0].n, view.grandTotal)} told of a look by ${KIND_STAFF[ranked[0].k]}` : ''}.`;
    },
    notes: [KEPT_12_MONTHS, 'Rows: the feed of the lead team told; columns: the kind of organisation whose member of staff looked.', SMALL_NOTE],
  });
}

const KIND_STAFF: Record<OrganisationKind, string> = { police: 'police staff', fire: 'fire and rescue staff', nhs: 'NHS staff', council: 'council staff' };
const FINDINGS = [
  { key: 'justified', label: 'Justified' },
  { key: 'not-justified', label: 'Not justified' },
  { key: 'awaiting', label: 'Awaiting review' },
];
const findingOf = (g: Glass[number]) => g.outcome ?? 'awaiting';

function glassCaption(view: { columnTotal(c: number): number | null; grandTotal: number | null }, months: string[]): string {
  if (!view.grandTotal) return view.grandTotal === 0 ? `No one broke the glass ${span(months)}.` : `Break-glass was used too few times ${span(months)} to show.`;
  const [justified, notJustified, awaiting] = [view.columnTotal(0), view.columnTotal(1), view.columnTotal(2)];
  const parts = [
    justified !== null ? `${whole(justified)} found justified` : null,
    notJustified !== null ? `${whole(notJustified)} not justified` : null,
    awaiting !== null ? `${whole(awaiting)} awaiting review` : null,
  ].filter(Boolean);
  const rest = parts.length === 0 ? ': too few of each finding to show' : parts.length < 3 ? `: ${parts.join(', ')}; the other findings are too few to show` : `: ${parts.join(', ')}`;
  return `Staff broke the glass ${whole(view.grandTotal)} times ${span(months)}${rest}.`;
}

function breakGlassByMonth(glass: Glass, months: string[], window: ReportWindow): Report {
  const title = 'Break-glass uses and the supervisors’ findings, month by month';
  if (months.length === 0) return noRecords('break-glass-by-month', title, window);
  const { counts } = monthGrid(glass, months, findingOf, FINDINGS.map((f) => f.key));
  return gridReport({
    id: 'break-glass-by-month',
    title,
    rowHeader: { key: 'month', label: 'Month' },
    rowLabels: months,
    columns: FINDINGS,
    counts,
    rowTotals: true,
    columnTotals: true,
    chart: { type: 'stacked-bar', x: 'month', series: FINDINGS.map((f) => f.key), yLabel: 'Break-glass uses' },
    caption: (view) => glassCaption(view, months),
    notes: [KEPT_12_MONTHS, 'By the month the glass was broken; the finding is the supervisor’s review of it.', SMALL_NOTE],
  });
}

function breakGlassByOrganisation(glass: Glass, months: string[], window: ReportWindow): Report {
  const title = 'Break-glass uses by organisation, with the supervisors’ findings';
  if (months.length === 0) return noRecords('break-glass-by-organisation', title, window);
  const totals = new Map<string, number>();
  for (const g of glass) totals.set(g.organisation, (totals.get(g.organisation) ?? 0) + g.n);
  const organisations = [...totals.keys()].sort((a, b) => totals.get(b)! - totals.get(a)! || a.localeCompare(b));
  const counts = organisations.map((o) => FINDINGS.map((f) => glass.filter((g) => g.organisation === o && findingOf(g) === f.key).reduce((s, g) => s + g.n, 0)));
  return gridReport({
    id: 'break-glass-by-organisation',
    title,
    rowHeader: { key: 'organisation', label: 'Organisation' },
    rowLabels: organisations,
    columns: FINDINGS,
    counts,
    rowTotals: true,
    columnTotals: true,
    chart: { type: 'stacked-bar', x: 'organisation', series: FINDINGS.map((f) => f.key), yLabel: 'Break-glass uses' },
    caption: (view) => glassCaption(view, months),
    notes: [KEPT_12_MONTHS, 'By the organisation of the member of staff who broke the glass.', SMALL_NOTE],
  });
}
