// Partner contribution and feed health: each partner's share of the rows, the matched rows, the
// alerts and the lookups; month by month, whether its files came on time, how many of its rows
// were rejected and how many of its addresses were matched; and the files it sent.
import {
  AGENCIES,
  
  ORGANISATION_KINDS,
  SUPPRESSED_SMALL,
  dueAtOrAfter,
  dueTimeOfFile,
  fromLondonTime,
  percentOf,
  suppressCount,
  suppressGrid,
  toLondonTime,
  type Cell,
  type FeedId,
  type OrganisationKind,
  type Report,
} from '@mast/shared';
import { alertCounts, contactCounts, feedArrivals, firstArrivals, uploadCounts, useCounts, type Db } from '@mast/db';
import { LOOKUPS } from './use-reports.ts';
import { feedColumns, FEEDS, figuresReport, gridReport, monthByFeed, whole } from './report-table.ts';
import { addMonths, monthName, type ReportWindow } from './report-window.ts';

/** "Adult social care (Borough council)": the council's two feeds are two services of one partner. */
const serviceName = (f: FeedId) => (AGENCIES[f].organisationKind === 'council' ? `${AGENCIES[f].name} (${AGENCIES[f].organisation})` : AGENCIES[f].name);
const COUNCIL_NOTE =
  'The council is one partner with two services, children’s and adults’ social care, each sending a feed of its own: they are two rows here.';

export async function partnerReports(tx: Db, window: ReportWindow): Promise<Report[]> {
  const contacts = await contactCounts(tx, window.from, window.to);
  const uploads = await uploadCounts(tx, window.from, window.to);
  const alerts = await alertCounts(tx, window.from, window.to);
  const use = await useCounts(tx, window.from, window.to);
  const arrivals = await feedArrivals(tx, window.from, addMonths(window.to, 1));
  const firsts = await firstArrivals(tx);
  return [
    partnerShare(contacts, alerts, use, window),
    feedOnTime(onTimeDays(arrivals, firsts, window.months, Date.parse(window.asOf)), window),
    feedRejections(uploads, window),
    feedMatchRate(contacts, window),
    uploadsByMonth(uploads, window),
  ];
}

type Contacts = Awaited<ReturnType<typeof contactCounts>>;
type Uploads = Awaited<ReturnType<typeof uploadCounts>>;
type Alerts = Awaited<ReturnType<typeof alertCounts>>;
type Use = Awaited<ReturnType<typeof useCounts>>;

const shown = (c: Cell | undefined): number | null => (typeof c === 'number' ? c : null);

/** A column of counts, one per row, shown with its total: suppressed as a one-column grid. */
function countColumn(counts: readonly number[]): { cells: Cell[]; total: Cell; trueTotal: number; suppressed: boolean } {
  const grid = suppressGrid(
    counts.map((n) => [n]),
    { columnTotals: true },
  );
  return { cells: grid.cells.map((r) => r[0]!), total: grid.columnTotals![0]!, trueTotal: counts.reduce((s, n) => s + n, 0), suppressed: grid.suppressed };
}

function partnerShare(contacts: Contacts, alerts: Alerts, use: Use, window: ReportWindow): Report {
  const rowsOf = FEEDS.map((f) => contacts.filter((c) => c.feed === f).reduce((s, c) => s + c.contacts, 0));
  const matchedOf = FEEDS.map((f) => contacts.filter((c) => c.feed === f && c.matched).reduce((s, c) => s + c.contacts, 0));
  const allAlerts = alerts.reduce((s, a) => s + a.n, 0);
  const alertsOf = FEEDS.map((f) => alerts.filter((a) => a.agencies.includes(f)).reduce((s, a) => s + a.n, 0));
  const kinds = ORGANISATION_KINDS as readonly OrganisationKind[];
  const lookupsOf = kinds.map((k) => use.filter((u) => u.organisationKind === k && LOOKUPS.has(u.action)).reduce((s, u) => s + u.n, 0));

  const rowCol = countColumn(rowsOf);
  const matchedCol = countColumn(matchedOf);
  const alertCells = alertsOf.map(suppressCount);
  const lookupCol = countColumn(lookupsOf);
  const lookupCell = (f: FeedId) => lookupCol.cells[kinds.indexOf(AGENCIES[f].organisationKind)]!;

  const rows: Cell[][] = FEEDS.map((f, i) => [
    serviceName(f),
    rowCol.cells[i]!,
    percentOf(rowCol.cells[i]!, rowCol.trueTotal),
    matchedCol.cells[i]!,
    percentOf(matchedCol.cells[i]!, matchedCol.trueTotal),
    alertCells[i]!,
    percentOf(alertCells[i]!, allAlerts),
    lookupCell(f),
    percentOf(lookupCell(f), lookupCol.trueTotal),
  ]);
  const hundred = (c: Cell) => (typeof c === 'number' && c > 0 ? 100 : null);
  const total: Cell[] = ['All partners', rowCol.total, hundred(rowCol.total), matchedCol.total, hundred(matchedCol.total), suppressCount(allAlerts), null, lookupCol.total, hundred(lookupCol.total)];

  const period = `From ${monthName(window.from)} to ${monthName(window.to)}`;
  /** The partners with the most in a count column (ties named together), from the shown cells. */
  const leader = (col: number): { names: string; share: number; tied: boolean } | null => {
    const shownRows = FEEDS.map((f, i) => ({ name: AGENCIES[f].name, n: shown(rows[i]![col]), share: shown(rows[i]![col + 1]) })).filter(
      (x): x is { name: string; n: number; share: number } => x.n !== null && x.share !== null && x.n > 0,
    );
    const most = Math.max(0, ...shownRows.map((x) => x.n));
    const top = shownRows.filter((x) => x.n === most);
    return top.length ? { names: namesOf(top.map((x) => x.name)), share: top[0]!.share, tied: top.length > 1 } : null;
  };
  const each = (l: { tied: boolean }) => (l.tied ? ' each' : '');
  const sentences: string[] = [];
  const byRows = leader(1);
  const totalRows = shown(rowCol.total);
  if (totalRows === 0) sentences.push(`${period}, partners sent no rows.`);
  else if (!byRows || !totalRows) sentences.push(`${period}, partners sent too few rows to show.`);
  else {
    sentences.push(`${period}, partners sent ${whole(totalRows)} rows; ${byRows.names} sent the most (${byRows.share}%${each(byRows)}).`);
    const byMatched = leader(3);
    if (byMatched) sentences.push(`${byMatched.names} sent the largest share of rows with a matched address (${byMatched.share}%${each(byMatched)}).`);
  }
  const byAlerts = leader(5);
  const totalAlerts = shown(total[5]);
  if (totalAlerts === 0) sentences.push('No alerts were raised.');
  else if (byAlerts && totalAlerts) sentences.push(`Records from ${byAlerts.names} counted towards ${byAlerts.share}% of the ${whole(totalAlerts)} alerts raised${byAlerts.tied ? ' each' : ''}.`);
  else sentences.push('Too few alerts were raised to show who contributed to them.');
  const lookupLeaders = kinds
    .map((k, i) => ({ k, n: shown(lookupCol.cells[i]), share: shown(percentOf(lookupCol.cells[i]!, lookupCol.trueTotal)) }))
    .filter((x): x is { k: OrganisationKind; n: number; share: number } => x.n !== null && x.n > 0 && x.share !== null);
  const mostLookups = Math.max(0, ...lookupLeaders.map((x) => x.n));
  const topLookups = lookupLeaders.filter((x) => x.n === mostLookups);
  const totalLookups = shown(lookupCol.total);
  if (totalLookups === 0) sentences.push('No lookups were made.');
  else if (topLookups.length && totalLookups)
    sentences.push(`Of ${whole(totalLookups)} lookups, ${namesOf(topLookups.map((x) => KIND_STAFF[x.k]))} made ${topLookups[0]!.share}%${topLookups.length > 1 ? ' each' : ''}.`);
  else sentences.push('Too few lookups were made to show who made them.');

  return {
    id: 'partner-share',
    title: 'Each partner’s share of the rows, the matched rows, the alerts and the lookups',
    caption: sentences.join(' '),
    notes: [
      COUNCIL_NOTE,
      'Rows are contacts (an incident, an attendance or a case opened), by the month of the contact; matched rows are those whose address was matched to the gazetteer.',
      'An alert counts for every partner whose records it counted as evidence, so the alert shares add up to more than 100%; the total is the number of alerts raised in the months.',
      'Lookups are made by organisations, not feeds: each row shows the lookups of its organisation’s staff, so the council’s figure appears on both council rows and once in the total. Lookups are views of an address (with or without break-glass), views of a person and searches for a person.',
      'Counts from 1 to 4 are shown as <5; where a total would give one away, the next smallest is withheld as [c].',
    ],
    chart: { type: 'horizontal-bar', x: 'partner', series: ['rows-share', 'matched-share', 'alerts-share', 'lookups-share'], yLabel: '% of all partners’' },
    columns: [
      { key: 'partner', label: 'Partner', kind: 'label' },
      { key: 'rows', label: 'Rows', kind: 'count' },
      { key: 'rows-share', label: 'Rows (%)', kind: 'percent' },
      { key: 'matched', label: 'Matched rows', kind: 'count' },
      { key: 'matched-share', label: 'Matched rows (%)', kind: 'percent' },
      { key: 'alerts', label: 'Alerts with its evidence', kind: 'count' },
      { key: 'alerts-share', label: 'Alerts with its evidence (%)', kind: 'percent' },
      { key: 'lookups', label: 'Lookups by its organisation’s staff', kind: 'count' },
      { key: 'lookups-share', label: 'Lookups by its organisation’s staff (%)', kind: 'percent' },
    ],
    rows,
    total,
    suppressed: rowCol.suppressed || matchedCol.suppressed || lookupCol.suppressed || alertCells.some((c) => c === SUPPRESSED_SMALL) || suppressCount(allAlerts) === SUPPRESSED_SMALL,
  };
}

/** "Police", "Police and Fire and rescue", "Police, NHS A&E and Fire and rescue". */
function namesOf(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

const KIND_STAFF: Record<OrganisationKind, string> = { police: 'police staff', fire: 'fire and rescue staff', nhs: 'NHS staff', council: 'council staff' };

const MINUTE = 60_000;

/** Per feed (in FEEDS order) and month (in `months` order): due times counted, and those met on time. */
export interface OnTime {
  due: number[][];
  onTime: number[][];
}

/**
 * The due times of each month (the schedule's `by` on each delivery day, the day read in UK local
 * time) from the due time the feed's first file counted towards, and how many of them a file met
 * by the end of its grace. A file meets the due time it counts towards (dueTimeOfFile, the rule of
 * feed freshness) if it came by the end of that due time's grace: a late file, a missed day and a
 * second file on one day meet nothing more. Only due times whose grace ended before `until` count.
 */
export function onTimeDays(
  arrivals: { feed: string; receivedAt: string }[],
  firsts: { feed: string; receivedAt: string }[],
  months: readonly string[],
  until: number,
): OnTime {
  const due = FEEDS.map(() => months.map(() => 0));
  const onTime = FEEDS.map(() => months.map(() => 0));
  FEEDS.forEach((feed, f) => {
    const schedule = AGENCIES[feed].schedule;
    const grace = schedule.graceMinutes * MINUTE;
    const first = firsts.find((x) => x.feed === feed);
    if (!first) return;
    const start = dueTimeOfFile(schedule, Date.parse(first.receivedAt));
    const met = new Set<number>();
    for (const a of arrivals) {
      if (a.feed !== feed) continue;
      const t = Date.parse(a.receivedAt);
      const d = dueTimeOfFile(schedule, t);
      if (t <= d + grace) met.add(d);
    }
    months.forEach((month, m) => {
      const [y, mo] = month.split('-').map(Number) as [number, number];
      for (let d = dueAtOrAfter(schedule, fromLondonTime(y, mo, 1, 0, 0)); ; d = dueAtOrAfter(schedule, d + 1)) {
        const local = toLondonTime(d);
        if (local.year !== y || local.month !== mo) break;
        if (d < start || d + grace >= until) continue;
        due[f]![m]!++;
        if (met.has(d)) onTime[f]![m]!++;
      }
    });
  });
  return { due, onTime };
}

const rate = (part: number, of: number): number | null => (of > 0 ? Math.round((1000 * part) / of) / 10 : null);

function feedOnTime(days: OnTime, window: ReportWindow): Report {
  const rows: Cell[][] = window.months.map((month, m) => [month, ...FEEDS.map((_, f) => rate(days.onTime[f]![m]!, days.due[f]![m]!))]);
  const overall = FEEDS.map((_, f) => rate(days.onTime[f]!.reduce((s, n) => s + n, 0), days.due[f]!.reduce((s, n) => s + n, 0)));
  const caption = compareFeeds(window, overall, {
    none: 'no partner had yet sent a file',
    withheld: 'no partner had yet sent a file',
    one: (name, r) => `files from ${name} came on time on ${r}% of the days they were due`,
    same: (r) => `files from every feed sending came on time on ${r}% of the days they were due`,
    spread: (best, b, worst, w) => `the share of due days with a file on time was highest for ${best} (${b}%) and lowest for ${worst} (${w}%)`,
  });
  const report = figuresReport({
    id: 'feed-on-time',
    title: 'Files on time, month by month',
    columns: [{ key: 'month', label: 'Month', kind: 'label' }, ...feedColumns.map((c) => ({ ...c, kind: 'percent' as const }))],
    rows,
    chart: { type: 'line', x: 'month', series: [...FEEDS], yLabel: '% of due days on time' },
    caption,
    notes: [
      'On time: a file came by the time the partner agreed to deliver it plus the grace allowed (UK local time), on each day it was due: every day, or Monday to Friday for adult social care. A day with no file, or a file after the grace, is not on time; two files on one day count once.',
      'Only files that delivered data count, as for the freshness a lookup shows: a file whose every row was rejected, or an empty council snapshot, does not. A council snapshot sent again unchanged is not stored again: only its latest resend is known, so earlier days on which the same snapshot came again count as missed.',
      'Days before a feed’s first file are not counted: a blank month is one before the partner started sending.',
      'These are days, not people, so nothing is withheld.',
      COUNCIL_NOTE,
    ],
  });
  report.total = ['All months', ...overall];
  return report;
}

/** A share withheld ('<5') when the count it shows, or the rest of its total, is from 1 to 4: with the total known, either would give the other away. */
function guardedRate(part: number, of: number): Cell {
  if (of === 0) return null;
  if (suppressCount(part) === SUPPRESSED_SMALL || suppressCount(of - part) === SUPPRESSED_SMALL) return SUPPRESSED_SMALL;
  return rate(part, of);
}

function rateByMonth(
  window: ReportWindow,
  counts: (feed: FeedId, month: string) => { part: number; of: number },
): { rows: Cell[][]; total: Cell[]; overall: Cell[]; suppressed: boolean } {
  const rows: Cell[][] = window.months.map((month) => [month, ...FEEDS.map((f) => { const c = counts(f, month); return guardedRate(c.part, c.of); })]);
  const overall = FEEDS.map((f) => {
    const sum = window.months.map((m) => counts(f, m)).reduce((s, c) => ({ part: s.part + c.part, of: s.of + c.of }), { part: 0, of: 0 });
    return guardedRate(sum.part, sum.of);
  });
  const total: Cell[] = ['All months', ...overall];
  return { rows, total, overall, suppressed: [...rows, total].some((r) => r.includes(SUPPRESSED_SMALL)) };
}

/** Parts and wholes summed by feed and month, read back by feed and month (zero where there are none). */
function tally(items: { feed: string; month: string; part: number; of: number }[]): (feed: FeedId, month: string) => { part: number; of: number } {
  const sums = new Map<string, { part: number; of: number }>();
  for (const x of items) {
    const sum = sums.get(`${x.feed}\t${x.month}`) ?? { part: 0, of: 0 };
    sums.set(`${x.feed}\t${x.month}`, { part: sum.part + x.part, of: sum.of + x.of });
  }
  return (feed, month) => sums.get(`${feed}\t${month}`) ?? { part: 0, of: 0 };
}

/** The caption of a rate by feed, from the shown overall rates: the highest and lowest, or why there are none. */
function compareFeeds(
  window: ReportWindow,
  overall: Cell[],
  words: { none: string; withheld: string; one: (name: string, r: number) => string; same: (r: number) => string; spread: (best: string, b: number, worst: string, w: number) => string },
): string {
  const ranked = FEEDS.map((feed, f) => ({ name: AGENCIES[feed].name, r: shown(overall[f]) }))
    .filter((x): x is { name: string; r: number } => x.r !== null)
    .sort((a, b) => b.r - a.r);
  const period = `From ${monthName(window.from)} to ${monthName(window.to)}`;
  const best = ranked[0];
  const worst = ranked[ranked.length - 1];
  const tiedWith = (r: number) => namesOf(ranked.filter((x) => x.r === r).map((x) => x.name));
  const said = !best || !worst
    ? (overall.some((c) => c !== null) ? words.withheld : words.none)
    : ranked.length === 1
      ? words.one(best.name, best.r)
      : best.r === worst.r
        ? words.same(best.r)
        : words.spread(tiedWith(best.r), best.r, tiedWith(worst.r), worst.r);
  return `${period}, ${said}.`;
}

function feedRejections(uploads: Uploads, window: ReportWindow): Report {
  const t = rateByMonth(window, tally(uploads.map((u) => ({ feed: u.feed, month: u.month, part: u.rowsRejected, of: u.rowsTotal }))));
  const caption = compareFeeds(window, t.overall, {
    none: 'no rows arrived',
    withheld: 'too few rows were rejected, or accepted, to show a share',
    one: (name, r) => `${name} had ${r}% of its rows rejected`,
    same: (r) => `every feed sending had ${r}% of its rows rejected`,
    spread: (best, b, worst, w) => `the share of rows rejected was highest for ${best} (${b}%) and lowest for ${worst} (${w}%)`,
  });
  return {
    ...figuresReport({
      id: 'feed-rejections',
      title: 'Rows rejected, month by month',
      columns: [{ key: 'month', label: 'Month', kind: 'label' }, ...feedColumns.map((c) => ({ ...c, kind: 'percent' as const }))],
      rows: t.rows,
      chart: { type: 'line', x: 'month', series: [...FEEDS], yLabel: '% of rows rejected' },
      caption,
      notes: [
        'Rows rejected as a share of the rows in the files that arrived in the month (the month the file arrived, UTC): a rejected row did not reach mast, and the partner is told why.',
        'A share is withheld (<5) when the rows rejected, or the rows accepted, number from 1 to 4: beside the rows received, either would give the other away.',
        COUNCIL_NOTE,
      ],
    }),
    total: t.total,
    suppressed: t.suppressed,
  };
}

function feedMatchRate(contacts: Contacts, window: ReportWindow): Report {
  const t = rateByMonth(window, tally(contacts.map((c) => ({ feed: c.feed, month: c.month, part: c.matched ? c.contacts : 0, of: c.contacts }))));
  const caption = compareFeeds(window, t.overall, {
    none: 'no rows arrived',
    withheld: 'too few rows were matched, or not matched, to show a share',
    one: (name, r) => `${r}% of the rows from ${name} had their address matched`,
    same: (r) => `${r}% of the rows from every feed sending had their address matched`,
    spread: (best, b, worst, w) => `the share of rows with a matched address was highest for ${best} (${b}%) and lowest for ${worst} (${w}%)`,
  });
  return {
    ...figuresReport({
      id: 'feed-match-rate',
      title: 'Addresses matched, month by month',
      columns: [{ key: 'month', label: 'Month', kind: 'label' }, ...feedColumns.map((c) => ({ ...c, kind: 'percent' as const }))],
      rows: t.rows,
      chart: { type: 'line', x: 'month', series: [...FEEDS], yLabel: '% of rows with a matched address' },
      caption,
      notes: [
        'Contacts whose address was matched to the gazetteer (a UPRN), as a share of the contacts, by the month of the contact. An address matched later, by a steward’s review, counts as matched.',
        'A share is withheld (<5) when the matched rows, or the rows not matched, number from 1 to 4.',
        COUNCIL_NOTE,
      ],
    }),
    total: t.total,
    suppressed: t.suppressed,
  };
}

function uploadsByMonth(uploads: Uploads, window: ReportWindow): Report {
  const counts = monthByFeed(window, FEEDS, uploads, (u) => u.uploads);
  return gridReport({
    id: 'uploads-by-month',
    title: 'Files received, month by month',
    rowHeader: { key: 'month', label: 'Month' },
    rowLabels: window.months,
    columns: feedColumns,
    counts,
    rowTotals: true,
    columnTotals: true,
    chart: { type: 'stacked-bar', x: 'month', series: [...FEEDS], yLabel: 'Files' },
    caption: (view) => {
      const total = view.grandTotal;
      if (!total) return `Partners sent too few files from ${monthName(window.from)} to ${monthName(window.to)} to show.`;
      return `Partners sent ${whole(total)} files from ${monthName(window.from)} to ${monthName(window.to)}.`;
    },
    notes: [
      'Every file that arrived counts, by the month it arrived (UTC), including files whose rows were all rejected; a file sent again unchanged is not counted twice.',
      'Counts from 1 to 4 are shown as <5 as in every report, though a file names no one.',
      COUNCIL_NOTE,
    ],
  });
}
