// After an alert, descriptively: households alerted, their contacts in the 12 weeks before and
// after their first alert, beside households with similar demand that were not alerted
// (report_impact, migration 0026). It must never read as the effect of an alert: households are
// alerted because their demand was high, and high demand tends to fall back anyway.
import { SMALL_NUMBER, SUPPRESSED_SECONDARY, suppressGrid, type Cell, type Report } from '@mast/shared';
import { impactCounts, type Db, type ImpactCount } from '@mast/db';
import { figuresReport, whole } from './report-table.ts';
import { monthName, type ReportWindow } from './report-window.ts';

const BANDS = ['1-4', '5-9', '10-19', '20+'] as const;
const mean = (total: number, n: number) => Math.round((10 * total) / n) / 10;
const change = (before: number, after: number): number | null => (before > 0 ? Math.round((1000 * (after - before)) / before) / 10 : null);

export async function impactReports(tx: Db, window: ReportWindow): Promise<Report[]> {
  return [afterAnAlert(await impactCounts(tx, window.asOf), window)];
}

export const DESCRIPTIVE_NOT_CAUSAL =
  'Descriptive, not causal: households are alerted because their demand was high, and high demand tends to fall back on its own (regression to the mean), so a fall after an alert is not evidence that the alert caused it.';

function afterAnAlert(counts: ImpactCount[], window: ReportWindow): Report {
  const of = (group: ImpactCount['group'], band: string) => counts.find((c) => c.group === group && c.band === band) ?? { households: 0, contactsBefore: 0, contactsAfter: 0 };
  const grid = suppressGrid(
    BANDS.map((b) => [of('alerted', b).households, of('comparison', b).households]),
    { columnTotals: true },
  );
  // A group's means only where it has at least 5 households (a mean does not give its count away).
  const means = (g: { households: number; contactsBefore: number; contactsAfter: number }): Cell[] =>
    g.households >= SMALL_NUMBER
      ? [mean(g.contactsBefore, g.households), mean(g.contactsAfter, g.households), change(g.contactsBefore, g.contactsAfter)]
      : g.households === 0
        ? [null, null, null]
        : [SUPPRESSED_SECONDARY, SUPPRESSED_SECONDARY, SUPPRESSED_SECONDARY];
  const rows: Cell[][] = BANDS.map((band, r) => {
    const [alertedN, comparisonN] = grid.cells[r]! as [Cell, Cell];
    return [`${band} contacts before`, alertedN, ...means(of('alerted', band)), comparisonN, ...means(of('comparison', band))];
  });
  // The comparison weighted to the alerted households' bands, over the bands where both groups' means show.
  const both = BANDS.filter((_, r) => typeof rows[r]![2] === 'number' && typeof rows[r]![6] === 'number');
  const weigh = (group: ImpactCount['group']) => {
    let before = 0;
    let after = 0;
    let weight = 0;
    for (const band of both) {
      const g = of(group, band);
      const w = of('alerted', band).households;
      before += (w * g.contactsBefore) / g.households;
      after += (w * g.contactsAfter) / g.households;
      weight += w;
    }
    return { before: before / weight, after: after / weight, households: weight };
  };
  // All bands together, like with like: the compared households' means weighted to the alerted
  // households' bands (unweighted, the many households with a contact or two would swamp them),
  // over the bands where both groups' means show; the caption reads the same figures.
  const [alertedTotal, comparisonTotal] = grid.columnTotals! as [Cell, Cell];
  const weighted = (group: ImpactCount['group']): Cell[] => {
    if (both.length === 0) return alertedTotal === 0 ? [null, null, null] : [SUPPRESSED_SECONDARY, SUPPRESSED_SECONDARY, SUPPRESSED_SECONDARY];
    const w = weigh(group);
    return [Math.round(10 * w.before) / 10, Math.round(10 * w.after) / 10, change(w.before, w.after)];
  };
  rows.push(['All bands (weighted to the alerted)', alertedTotal, ...weighted('alerted'), comparisonTotal, ...weighted('comparison')]);
  // report_impact's window of first alerts: from 12 months less 12 weeks back to 12 weeks back.
  const asOf = new Date(`${window.asOf}T00:00:00Z`);
  const yearBack = new Date(asOf);
  yearBack.setUTCFullYear(asOf.getUTCFullYear() - 1);
  const first = new Date(yearBack.getTime() + 84 * 86_400_000).toISOString().slice(0, 7);
  const last = new Date(asOf.getTime() - 84 * 86_400_000).toISOString().slice(0, 7);
  let caption: string;
  if (both.length === 0) {
    caption = `Too few households were alerted (${alertedTotal === 0 ? 'none' : 'fewer than 5 in each band of demand'}) from about ${monthName(first)} to ${monthName(last)} to describe their contacts after an alert. ${DESCRIPTIVE_NOT_CAUSAL}`;
  } else {
    const a = weigh('alerted');
    const c = weigh('comparison');
    const f = (n: number) => n.toFixed(1);
    caption =
      `Descriptive, not causal. The ${whole(a.households)} households first alerted from about ${monthName(first)} to ${monthName(last)} in the bands of demand where both groups have 5 households or more had on average ${f(a.before)} contacts in the 12 weeks before the alert and ${f(a.after)} in the 12 weeks after` +
      `; households with similar demand that were not alerted went from ${f(c.before)} to ${f(c.after)} over 12 weeks either side of the alerted households' middle date` +
      ` (both weighted to the alerted households' bands of demand). Alerted households were chosen because their demand was high, so some fall was to be expected anyway (regression to the mean): the difference is not the effect of the alert.`;
  }
  return figuresReport({
    id: 'after-an-alert',
    title: 'Contacts in the 12 weeks before and after an alert (descriptive, not causal)',
    columns: [
      { key: 'band', label: 'Contacts in the 12 weeks before', kind: 'label' },
      { key: 'alerted', label: 'Households alerted', kind: 'count' },
      { key: 'alerted-before', label: 'Alerted: mean contacts before', kind: 'number' },
      { key: 'alerted-after', label: 'Alerted: mean contacts after', kind: 'number' },
      { key: 'alerted-change', label: 'Alerted: change (%)', kind: 'number' },
      { key: 'comparison', label: 'Households compared (not alerted)', kind: 'count' },
      { key: 'comparison-before', label: 'Compared: mean contacts before', kind: 'number' },
      { key: 'comparison-after', label: 'Compared: mean contacts after', kind: 'number' },
      { key: 'comparison-change', label: 'Compared: change (%)', kind: 'number' },
    ],
    rows,
    chart: { type: 'bar', x: 'band', series: ['alerted-before', 'alerted-after', 'comparison-before', 'comparison-after'], yLabel: 'Mean contacts per household' },
    caption,
    notes: [
      DESCRIPTIVE_NOT_CAUSAL,
      'Alerted: each household (a matched address) with its first alert in the window, counted over the 12 weeks before that alert and the 12 weeks from it. The window runs from 12 months back to 12 weeks before the figures were read, so that both 12 weeks are in the live data.',
      'Compared: households not alerted by one date, the middle of the alerted households’ alert dates, counted over the 12 weeks either side of it, in the same bands of contacts in the 12 weeks before. A household alerted later stays in: leaving it out would leave out the households whose demand stayed high. Similar demand is not similar need: the rules picked out the others.',
      'Households with no contact in the 12 weeks before are left out of both groups. An alert about a person counts for the address where they were last recorded.',
      `Means are withheld (${SUPPRESSED_SECONDARY}) where a group has fewer than 5 households in the band.`,
      'The last row takes the bands where both groups have 5 households or more, and weighs the compared households’ means to the alerted households’ bands, so that like is read beside like.',
    ],
  });
}
