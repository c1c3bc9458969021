// The equality report as text for the command line: for each age band, sex and area, the share of
// the people alerted beside the share of everyone in the person index, and their ratio (over 1: a
// group alerted more than its share). Counts under 5 are shown as "<5", as official statistics do.
import type { EqualityRow } from '@mast/db';

const SMALL = 5;
const count = (n: number) => (n > 0 && n < SMALL ? '<5' : String(n));
const pct = (n: number, of: number) => (of === 0 ? '-' : `${((100 * n) / of).toFixed(1)}%`);

export function formatEqualityReport(rows: readonly EqualityRow[], asOf: string): string {
  const lines = [
    `Alerts by age band, sex and area, as of ${asOf}: the people alerted (subject of an open alert, or recorded at an alerted address)`,
    `beside everyone in mast's person index (people any partner recorded in the last 12 months; mast holds no census).`,
  ];
  for (const dimension of ['age band', 'sex', 'area'] as const) {
    const mine = rows.filter((r) => r.dimension === dimension);
    const alerted = mine.reduce((s, r) => s + r.alerted, 0);
    const population = mine.reduce((s, r) => s + r.population, 0);
    lines.push('', `${dimension.padEnd(16)} ${'alerted'.padStart(8)} ${'share'.padStart(7)} ${'people'.padStart(8)} ${'share'.padStart(7)} ${'ratio'.padStart(6)}`);
    for (const r of mine) {
      const ratio = alerted === 0 || r.population === 0 || r.alerted < SMALL ? '-' : ((r.alerted / alerted) / (r.population / population)).toFixed(2);
      const alertedShare = r.alerted > 0 && r.alerted < SMALL ? '-' : pct(r.alerted, alerted);
      lines.push(`${r.group.padEnd(16)} ${count(r.alerted).padStart(8)} ${alertedShare.padStart(7)} ${count(r.population).padStart(8)} ${pct(r.population, population).padStart(7)} ${ratio.padStart(6)}`);
    }
  }
  return lines.join('\n');
}
