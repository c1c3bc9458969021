// Alerts and what came of them: how many were raised, acknowledged and closed each month; by rule;
// how soon each lead agency acknowledged; why they were closed (the partners' feedback on what
// sharing led to); whose contacts the evidence counted; and whether the rules fall unevenly on
// age, sex or area (the equality report). Live alerts and the pseudonymised copy together.
import {
  AGENCIES,
  ALERT_CLOSE_REASONS,
  SUPPRESSED_SECONDARY,
  SUPPRESSED_SMALL,
  percentOf,
  suppressGrid,
  type Cell,
  type FeedId,
  type Report,
} from '@mast/shared';
import { alertCounts, closedAlertCounts, equalityCounts, type AlertCount, type Db, type EqualityCount } from '@mast/db';
import { currentAlertRules } from '../alerts/rules-file.ts';
import { FEEDS, figuresReport, gridReport, percent, whole } from './report-table.ts';
import { monthName, type ReportWindow } from './report-window.ts';

const agencyName = (feed: string) => AGENCIES[feed as FeedId]?.name ?? feed;
const sum = (counts: readonly AlertCount[]) => counts.reduce((s, c) => s + c.n, 0);

export async function alertReports(tx: Db, window: ReportWindow): Promise<Report[]> {
  const raised = await alertCounts(tx, window.from, window.to);
  const closed = await closedAlertCounts(tx, window.from, window.to);
  const equality = await equalityCounts(tx, window.asOf);
  return [byMonth(raised, closed, window), byRule(raised, window), timeToAcknowledge(raised, window), outcomes(closed, window), agenciesInvolved(raised, window), equalityReport(equality, window)];
}

const span = (window: ReportWindow) => `from ${monthName(window.from)} to ${monthName(window.to)}`;

function byMonth(raised: AlertCount[], closed: AlertCount[], window: ReportWindow): Report {
  const at = new Map(window.months.map((m, i) => [m, i]));
  const counts = window.months.map(() => [0, 0, 0, 0]);
  for (const c of raised) {
    const row = counts[at.get(c.raisedMonth)!]!;
    row[0]! += c.n;
    if (c.hoursToAcknowledge !== null) row[1]! += c.n;
    if (c.state === 'closed') row[2]! += c.n;
  }
  for (const c of closed) counts[at.get(c.closedMonth!)!]![3]! += c.n;
  return gridReport({
    id: 'alerts-by-month',
    title: 'Alerts raised, acknowledged and closed, month by month',
    rowHeader: { key: 'month', label: 'Month' },
    rowLabels: window.months,
    columns: [
      { key: 'raised', label: 'Raised in the month' },
      { key: 'acknowledged', label: 'Of those, acknowledged since' },
      { key: 'closed', label: 'Of those, closed since' },
      { key: 'closed-in-month', label: 'Closed in the month (whenever raised)' },
    ],
    counts,
    columnTotals: true,
    chart: { type: 'line', x: 'month', series: ['raised', 'closed-in-month'], yLabel: 'Alerts' },
    caption: (shown) => {
      const total = shown.columnTotal(0);
      if (total === 0) return `No alerts were raised ${span(window)}.`;
      if (total === null) return `Fewer than 5 alerts were raised ${span(window)}.`;
      const ack = shown.columnTotal(1);
      const done = shown.columnTotal(2);
      const months = window.months.map((m, r) => ({ m, n: shown.cell(r, 0) ?? -1 })).filter((x) => x.n >= 0);
      const busiest = months.reduce((a, b) => (b.n > a.n ? b : a), months[0] ?? { m: window.to, n: 0 });
      const parts = [`${whole(total)} alerts were raised ${span(window)}.`];
      if (ack !== null && done !== null) parts.push(`${whole(ack)} of them (${percent(ack, total)}) have been acknowledged by the lead agency and ${whole(done)} (${percent(done, total)}) closed.`);
      if (busiest.n > 0) parts.push(`The most were raised in ${monthName(busiest.m)} (${whole(busiest.n)}).`);
      return parts.join(' ');
    },
    notes: [
      'Raised, acknowledged and closed count the alerts raised in each month: whether each has been acknowledged, or closed, by the date the figures were read, whenever that happened. Recent months have had less time.',
      'Closed in the month counts the alerts closed in that month, whatever month they were raised in.',
      'An alert is raised once for a rule and a household or person, and new evidence updates it rather than raising another; after it is closed, newer contacts can raise a new one.',
      'Alerts whose evidence is over 12 months old come from the pseudonymised copy kept for 36 months.',
    ],
  });
}

/** The rule's title from the rules file this process runs under, else its code (a rule since removed). */
function ruleTitles(): Map<string, string> {
  try {
    return new Map(currentAlertRules().rules.map((r) => [r.code, r.title]));
  } catch {
    return new Map();
  }
}

function byRule(raised: AlertCount[], window: ReportWindow): Report {
  const titles = ruleTitles();
  const totals = new Map<string, number>();
  for (const c of raised) totals.set(c.rule, (totals.get(c.rule) ?? 0) + c.n);
  const rules = [...totals.keys()].sort((a, b) => totals.get(b)! - totals.get(a)! || a.localeCompare(b));
  const labels = rules.map((r) => titles.get(r) ?? r);
  return gridReport({
    id: 'alerts-by-rule',
    title: 'Alerts raised by rule',
    rowHeader: { key: 'rule', label: 'Rule' },
    rowLabels: labels,
    columns: [{ key: 'alerts', label: 'Alerts raised' }],
    counts: rules.map((r) => [totals.get(r)!]),
    columnTotals: true,
    sharesOfColumn: true,
    chart: { type: 'horizontal-bar', x: 'rule', series: ['alerts'], yLabel: 'Alerts raised' },
    caption: (shown) => {
      const total = shown.columnTotal(0);
      const top = shown.cell(0, 0);
      if (rules.length === 0) return `No alerts were raised ${span(window)}.`;
      if (total === null || top === null) return `Fewer than 5 alerts were raised under any one rule ${span(window)}.`;
      return `${span(window).replace(/^f/, 'F')}, the rule that raised the most alerts was “${labels[0]}” (${whole(top)}, ${percent(top, total)} of ${whole(total)}).`;
    },
    notes: ['The rules and their thresholds are agreed by the partners (the rules file); a rule named by its code is no longer in the file.'],
  });
}

function timeToAcknowledge(raised: AlertCount[], window: ReportWindow): Report {
  const byFeed = new Map<string, AlertCount[]>();
  for (const c of raised) byFeed.set(c.leadFeed, [...(byFeed.get(c.leadFeed) ?? []), c]);
  const feeds = FEEDS.filter((f) => byFeed.has(f)).concat([...byFeed.keys()].filter((f) => !FEEDS.includes(f as FeedId)) as FeedId[]);
  // The alert counts are suppressed as a column with its total; a feed's figures are shown only
  // where its count is.
  const grid = suppressGrid(
    feeds.map((f) => [sum(byFeed.get(f)!)]),
    { columnTotals: true },
  );
  const figures = (counts: AlertCount[], shownCount: Cell): Cell[] => {
    const n = sum(counts);
    if (n === 0) return [0, null, null, null];
    if (typeof shownCount !== 'number') return [shownCount, SUPPRESSED_SECONDARY, SUPPRESSED_SECONDARY, SUPPRESSED_SECONDARY];
    const hours = counts.filter((c) => c.hoursToAcknowledge !== null).sort((a, b) => a.hoursToAcknowledge! - b.hoursToAcknowledge!);
    const within = (h: number) => hours.filter((c) => c.hoursToAcknowledge! < h).reduce((s, c) => s + c.n, 0);
    return [shownCount, median(hours), percentOf(within(24), n), percentOf(within(72), n)];
  };
  const rows = feeds.map((f, r) => [agencyName(f), ...figures(byFeed.get(f)!, grid.cells[r]![0]!)]);
  const all = figures(raised, grid.columnTotals?.[0] ?? null);
  rows.push(['All lead agencies', ...all]);
  const shownAll = rows[rows.length - 1]!;
  const fastest = rows
    .slice(0, -1)
    .filter((r) => typeof r[2] === 'number')
    .sort((a, b) => (a[2] as number) - (b[2] as number))[0];
  return figuresReport({
    id: 'time-to-acknowledge',
    title: 'How soon the lead agency acknowledged an alert',
    columns: [
      { key: 'agency', label: 'Lead agency', kind: 'label' },
      { key: 'alerts', label: 'Alerts raised', kind: 'count' },
      { key: 'median-hours', label: 'Median hours to acknowledge', kind: 'number' },
      { key: 'within-24h', label: 'Acknowledged within 24 hours (%)', kind: 'percent' },
      { key: 'within-72h', label: 'Acknowledged within 72 hours (%)', kind: 'percent' },
    ],
    rows,
    chart: { type: 'bar', x: 'agency', series: ['within-24h', 'within-72h'], yLabel: '% of alerts raised' },
    caption:
      shownAll[1] === 0
        ? `No alerts were raised ${span(window)}.`
        : typeof shownAll[1] !== 'number'
        ? `Too few alerts were raised ${span(window)} to say how soon they were acknowledged.`
        : `Of the ${whole(shownAll[1])} alerts raised ${span(window)}, ${shownAll[3]}% were acknowledged within 24 hours and ${shownAll[4]}% within 72 hours` +
          (shownAll[2] === null ? '.' : `; half of those acknowledged were within ${shownAll[2]} hours.`) +
          (fastest ? ` ${fastest[0]} acknowledged soonest (median ${fastest[2]} hours).` : ''),
    notes: [
      'Hours are whole hours from the alert being raised to the lead agency acknowledging it, on the clock, including nights and weekends. The median is over the alerts acknowledged; the shares are of all alerts raised, so an alert not yet acknowledged counts against them.',
      `An agency with fewer than 5 alerts shows ${SUPPRESSED_SMALL} and no figures; ${SUPPRESSED_SECONDARY} marks figures withheld.`,
    ],
  });
}

/** The median whole hours of the acknowledged alerts (sorted by hours), or null if none. */
function median(sorted: AlertCount[]): number | null {
  const n = sum(sorted);
  if (n === 0) return null;
  const at = (k: number) => {
    let seen = 0;
    for (const c of sorted) {
      seen += c.n;
      if (k < seen) return c.hoursToAcknowledge!;
    }
    return sorted[sorted.length - 1]!.hoursToAcknowledge!;
  };
  return n % 2 === 1 ? at((n - 1) / 2) : (at(n / 2 - 1) + at(n / 2)) / 2;
}

function outcomes(closed: AlertCount[], window: ReportWindow): Report {
  const known = Object.keys(ALERT_CLOSE_REASONS);
  const reasons = [...known, ...[...new Set(closed.map((c) => c.closedReason ?? 'unknown'))].filter((r) => !known.includes(r)).sort()];
  const feeds = FEEDS.filter((f) => closed.some((c) => c.leadFeed === f));
  const counts = reasons.map((r) => feeds.map((f) => sum(closed.filter((c) => (c.closedReason ?? 'unknown') === r && c.leadFeed === f))));
  const labels = reasons.map((r) => (ALERT_CLOSE_REASONS as Record<string, string>)[r] ?? r);
  return gridReport({
    id: 'alert-outcomes',
    title: 'What came of alerts: why they were closed, by lead agency',
    rowHeader: { key: 'reason', label: 'Reason for closing' },
    rowLabels: labels,
    columns: feeds.map((f) => ({ key: f, label: agencyName(f) })),
    counts: feeds.length === 0 ? reasons.map(() => []) : counts,
    rowTotals: true,
    columnTotals: true,
    chart: feeds.length === 0 ? null : { type: 'stacked-bar', x: 'reason', series: [...feeds], yLabel: 'Alerts closed' },
    caption: (shown) => {
      const total = shown.grandTotal;
      if (feeds.length === 0) return `No alerts were closed ${span(window)}.`;
      if (total === null) return `Fewer than 5 alerts were closed ${span(window)}.`;
      const ranked = labels.map((l, r) => ({ l, n: shown.rowTotal(r) })).filter((x): x is { l: string; n: number } => x.n !== null && x.n > 0);
      ranked.sort((a, b) => b.n - a.n);
      const action = shown.rowTotal(known.indexOf('action-taken'));
      const top = ranked[0];
      return (
        `${whole(total)} alerts were closed ${span(window)}.` +
        (top ? ` The most common reason was “${top.l}” (${whole(top.n)}, ${percent(top.n, total)}).` : '') +
        (action !== null && top?.l !== labels[known.indexOf('action-taken')] ? ` Action was taken after ${whole(action)} (${percent(action, total)}).` : '')
      );
    },
    notes: [
      'Alerts closed in each month of the window, whenever they were raised, by the reason the lead agency gave (a fixed list, never free text).',
      '“Records do not belong together” means the alert came from a wrong match of records: the partners use it to check the matching.',
    ],
  });
}

function agenciesInvolved(raised: AlertCount[], window: ReportWindow): Report {
  const feeds = FEEDS;
  const counts = feeds.map((f) => [sum(raised.filter((c) => c.agencies.includes(f)))]);
  const total = sum(raised);
  const report = gridReport({
    id: 'alerts-by-agency-involved',
    title: 'Which services’ contacts the alerts counted',
    rowHeader: { key: 'agency', label: 'Agency' },
    rowLabels: feeds.map(agencyName),
    columns: [{ key: 'alerts', label: 'Alerts whose evidence counted its contacts' }],
    counts,
    chart: { type: 'horizontal-bar', x: 'agency', series: ['alerts'], yLabel: 'Alerts' },
    caption: (shown) => {
      const ranked = feeds.map((f, r) => ({ f, n: shown.cell(r, 0) })).filter((x): x is { f: FeedId; n: number } => x.n !== null && x.n > 0);
      ranked.sort((a, b) => b.n - a.n);
      if (total === 0) return `No alerts were raised ${span(window)}.`;
      if (!ranked[0] || total < 5) return `Fewer than 5 alerts were raised ${span(window)}.`;
      return `${agencyName(ranked[0].f)}’s contacts were counted in ${whole(ranked[0].n)} of the ${whole(total)} alerts raised ${span(window)} (${percent(ranked[0].n, total)}).`;
    },
    notes: [
      'An alert counts for every agency whose contacts its evidence counted when it was last updated, so the rows add up to more than the alerts raised.',
      'The share is of all alerts raised in the window.',
    ],
  });
  report.columns.push({ key: 'alerts-share', label: 'Share of alerts raised (%)', kind: 'percent' });
  report.rows.forEach((row) => row.push(percentOf(row[1]!, total)));
  return report;
}

const DIMENSIONS = ['age band', 'sex', 'area'] as const;
const DIMENSION_LABEL: Record<(typeof DIMENSIONS)[number], string> = { 'age band': 'Age', sex: 'Sex', area: 'Area' };

function equalityReport(counts: EqualityCount[], window: ReportWindow): Report {
  const rows: Cell[][] = [];
  let suppressed = false;
  let totals: { alerted: Cell; population: Cell } = { alerted: 0, population: 0 };
  let alertedTotal = 0;
  let populationTotal = 0;
  const ratios: { label: string; ratio: number }[] = [];
  for (const dimension of DIMENSIONS) {
    const groups = counts.filter((c) => c.dimension === dimension).sort((a, b) => a.group.localeCompare(b.group, 'en', { numeric: true }));
    if (groups.length === 0) continue;
    // Each dimension is a grid of its own beside the one total (every person is in one group of each).
    const grid = suppressGrid(
      groups.map((g) => [g.alerted, g.population]),
      { columnTotals: true },
    );
    suppressed ||= grid.suppressed;
    alertedTotal = groups.reduce((s, g) => s + g.alerted, 0);
    populationTotal = groups.reduce((s, g) => s + g.population, 0);
    totals = { alerted: grid.columnTotals![0]!, population: grid.columnTotals![1]! };
    groups.forEach((g, r) => {
      const [alerted, population] = grid.cells[r]! as [Cell, Cell];
      const alertedShare = percentOf(alerted, alertedTotal);
      const populationShare = percentOf(population, populationTotal);
      const ratio =
        typeof alerted === 'number' && typeof population === 'number' && population > 0 && alertedTotal > 0
          ? Math.round((100 * (alerted / alertedTotal)) / (population / populationTotal)) / 100
          : typeof alerted === 'number' && typeof population === 'number'
            ? null
            : SUPPRESSED_SECONDARY;
      const label = `${DIMENSION_LABEL[dimension]}: ${g.group}`;
      if (typeof ratio === 'number' && typeof alerted === 'number' && alerted > 0) ratios.push({ label, ratio });
      rows.push([label, alerted, alertedShare, population, populationShare, ratio]);
    });
  }
  const high = ratios.sort((a, b) => b.ratio - a.ratio)[0];
  const population = 'the population is mast’s person index (everyone any partner recorded in the last 12 months), not a census of the borough';
  const caption =
    typeof totals.alerted !== 'number' || totals.alerted === 0
      ? `${totals.alerted === 0 ? 'No one is' : 'Fewer than 5 people are'} alerted as of ${window.asOf}, beside ${typeof totals.population === 'number' ? whole(totals.population) : 'fewer than 5'} people in the person index: ${population}.`
      : `As of ${window.asOf}, ${whole(totals.alerted)} of the ${typeof totals.population === 'number' ? whole(totals.population) : SUPPRESSED_SMALL} people in the person index (${percent(totals.alerted, populationTotal)}) are alerted. ` +
        (high && high.ratio > 1 ? `The group most over-represented among them is ${high.label}: its share of the people alerted is ${high.ratio} times its share of the index. ` : '') +
        `Here ${population}.`;
  return {
    id: 'alert-equality',
    title: 'Who the alerts fall on: age, sex and area beside the person index',
    caption,
    notes: [
      'The population is mast’s person index: everyone any partner recorded in the last 12 months. It is not a census, so a group the services see more of is larger here than in the borough.',
      'People alerted: the subject of an open or acknowledged alert about a person, and everyone recorded at an address with one. Age is on the date the figures were read; sex and area (the postcode district of the latest contact) are as the partners last recorded them.',
      'The ratio is the group’s share of the people alerted divided by its share of the index: above 1, the group is alerted more often than its share of the index; it is withheld where the people alerted are.',
      'The figures are of alerts open now, whatever months the other reports cover.',
    ],
    chart: { type: 'horizontal-bar', x: 'group', series: ['ratio'], yLabel: 'Share alerted ÷ share of the index' },
    columns: [
      { key: 'group', label: 'Group', kind: 'label' },
      { key: 'alerted', label: 'People alerted', kind: 'count' },
      { key: 'alerted-share', label: 'Share of people alerted (%)', kind: 'percent' },
      { key: 'population', label: 'People in the index', kind: 'count' },
      { key: 'population-share', label: 'Share of the index (%)', kind: 'percent' },
      { key: 'ratio', label: 'Ratio', kind: 'number' },
    ],
    rows,
    total: rows.length === 0 ? null : ['Total', totals.alerted, typeof totals.alerted === 'number' ? 100 : SUPPRESSED_SECONDARY, totals.population, typeof totals.population === 'number' ? 100 : SUPPRESSED_SECONDARY, 1],
    suppressed,
  };
}
