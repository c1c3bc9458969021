// Demand: contacts by agency and month, by category, by postcode district; households and people
// known to several services; how much of the demand comes from the busiest addresses.
import { AGENCIES, SUPPRESSED_SECONDARY, categoryLabel, type FeedId, type Report } from '@mast/shared';
import { addressDemand, contactCounts, reachCounts, type Db } from '@mast/db';
import { feedColumns, FEEDS, gridReport, monthByFeed, percent, whole } from './report-table.ts';
import { addMonths, monthName, type ReportWindow } from './report-window.ts';


/** Whole years back from the window's last month: as many as it holds, at least one. */
export function yearsOf(window: ReportWindow): { label: string; from: string; to: string }[] {
  const years: { label: string; from: string; to: string }[] = [];
  for (let end = window.to; years.length < Math.max(1, Math.floor(window.months.length / 12)); end = addMonths(end, -12)) {
    const from = addMonths(end, -11);
    years.push({ label: `${monthName(from)} to ${monthName(end)}`, from, to: end });
  }
  return years.reverse();
}

export async function demandReports(tx: Db, window: ReportWindow): Promise<Report[]> {
  const contacts = await contactCounts(tx, window.from, window.to);
  const years = yearsOf(window);
  const reach = [];
  const demand = [];
  for (const y of years) {
    reach.push(await reachCounts(tx, y.to));
    demand.push(await addressDemand(tx, y.to));
  }
  return [byAgencyAndMonth(contacts, window), byCategory(contacts, window), reachReport(reach, years), repeatDemand(demand, years), byDistrict(contacts, window)];
}

type Contacts = Awaited<ReturnType<typeof contactCounts>>;

function byAgencyAndMonth(contacts: Contacts, window: ReportWindow): Report {
  const counts = monthByFeed(window, FEEDS, contacts, (c) => c.contacts);
  return gridReport({
    id: 'contacts-by-agency',
    title: 'Contacts by agency, month by month',
    rowHeader: { key: 'month', label: 'Month' },
    rowLabels: window.months,
    columns: feedColumns,
    counts,
    rowTotals: true,
    columnTotals: true,
    chart: { type: 'stacked-bar', x: 'month', series: [...FEEDS], yLabel: 'Contacts' },
    caption: (shown) => {
      const total = shown.grandTotal;
      if (!total) return `No contacts were recorded from ${monthName(window.from)} to ${monthName(window.to)}.`;
      const byFeed = FEEDS.map((f, c) => ({ f, n: shown.columnTotal(c) ?? 0 })).sort((a, b) => b.n - a.n);
      const months = window.months.map((m, r) => ({ m, n: shown.rowTotal(r) ?? -1 })).filter((x) => x.n >= 0);
      const busiest = months.reduce((a, b) => (b.n > a.n ? b : a), months[0]!);
      const quietest = months.reduce((a, b) => (b.n < a.n ? b : a), months[0]!);
      return `Partners recorded ${whole(total)} contacts from ${monthName(window.from)} to ${monthName(window.to)}. ${AGENCIES[byFeed[0]!.f].name} recorded the most (${percent(byFeed[0]!.n, total)}). The busiest month was ${monthName(busiest.m)} (${whole(busiest.n)}), the quietest ${monthName(quietest.m)} (${whole(quietest.n)}).`;
    },
    notes: [
      'A contact is one row a partner sent: an incident, an attendance or a case opened. Council cases count in the month they opened.',
      'The last 12 months are the live data; earlier months are the pseudonymised copy kept for 36 months.',
    ],
  });
}

function byCategory(contacts: Contacts, window: ReportWindow): Report {
  const totals = new Map<string, number>();
  for (const c of contacts) totals.set(`${c.feed}\t${c.category}`, (totals.get(`${c.feed}\t${c.category}`) ?? 0) + c.contacts);
  const keys = [...totals.keys()].sort((a, b) => totals.get(b)! - totals.get(a)! || a.localeCompare(b));
  const labels = keys.map((k) => {
    const [feed, category] = k.split('\t') as [FeedId, string];
    return `${AGENCIES[feed].name}: ${categoryLabel(feed, category)}`;
  });
  return gridReport({
    id: 'contacts-by-category',
    title: 'Contacts by agency and category',
    rowHeader: { key: 'category', label: 'Agency and category' },
    rowLabels: labels,
    columns: [{ key: 'contacts', label: 'Contacts' }],
    counts: keys.map((k) => [totals.get(k)!]),
    columnTotals: true,
    // Each agency's categories add up to its total in contacts-by-agency.
    groups: keys.map((k) => k.split('\t')[0]!),
    sharesOfColumn: true,
    chart: { type: 'horizontal-bar', x: 'category', series: ['contacts'], yLabel: 'Contacts' },
    caption: (shown) =>
      labels.length === 0
        ? 'No contacts in these months.'
        : `The most common kind of contact from ${monthName(window.from)} to ${monthName(window.to)} was ${labels[0]} (${whole(shown.cell(0, 0) ?? 0)}, ${percent(shown.cell(0, 0) ?? 0, shown.columnTotal(0) ?? 1)} of all contacts).`,
  });
}

type Year = ReturnType<typeof yearsOf>[number];
const SERVICES = ['1 service', '2 services', '3 services', '4 or more'];

function reachReport(reach: Awaited<ReturnType<typeof reachCounts>>[], years: Year[]): Report {
  const columns = years.flatMap((y, i) => [
    { key: `households-${i}`, label: `Households, ${y.label}` },
    { key: `people-${i}`, label: `People, ${y.label}` },
  ]);
  const counts = SERVICES.map((_, s) =>
    years.flatMap((_, i) => (['households', 'people'] as const).map((subject) => reach[i]!.find((r) => r.subject === subject && r.services === s + 1)?.n ?? 0)),
  );
  const last = years.length - 1;
  return gridReport({
    id: 'known-to-several-services',
    title: 'Households and people known to one service or several',
    rowHeader: { key: 'services', label: 'Known to' },
    rowLabels: SERVICES,
    columns,
    counts,
    columnTotals: true,
    sharesOfColumn: true,
    chart: { type: 'bar', x: 'services', series: [`households-${last}-share`, `people-${last}-share`], yLabel: '% of those known' },
    caption: (shown) => {
      const all = shown.columnTotal(2 * last) ?? 0;
      const several = [1, 2, 3].reduce((s, r) => s + (shown.cell(r, 2 * last) ?? 0), 0);
      return `In ${years[last]!.label}, ${whole(several)} of ${whole(all)} households with a matched address (${percent(several, all)}) were known to two services or more.`;
    },
    notes: [
      'Services are the five feeds: police, fire, NHS A&E, and the council’s children’s and adults’ social care.',
      'A household is a matched address. A household with rows on both sides of the 12-month line in one year can count twice: at most the first month of the oldest live year.',
    ],
  });
}

function repeatDemand(demand: Awaited<ReturnType<typeof addressDemand>>[], years: Year[]): Report {
  const counts = years.map((_, i) => {
    const histogram = demand[i]!; // busiest first
    const addresses = histogram.reduce((s, h) => s + h.addresses, 0);
    const contacts = histogram.reduce((s, h) => s + h.addresses * h.contacts, 0);
    let top = Math.ceil(addresses * 0.05);
    let topContacts = 0;
    for (const h of histogram) {
      const take = Math.min(top, h.addresses);
      topContacts += take * h.contacts;
      top -= take;
      if (top === 0) break;
    }
    return [addresses, contacts, Math.ceil(addresses * 0.05), topContacts];
  });
  const report = gridReport({
    id: 'repeat-demand',
    title: 'Repeat demand: the busiest 5% of addresses',
    rowHeader: { key: 'year', label: 'Twelve months' },
    rowLabels: years.map((y) => y.label),
    columns: [
      { key: 'addresses', label: 'Addresses with a contact' },
      { key: 'contacts', label: 'Contacts at those addresses' },
      { key: 'busiest', label: 'Busiest 5% of addresses' },
      { key: 'busiest-contacts', label: 'Their contacts' },
    ],
    counts,
    chart: { type: 'bar', x: 'year', series: ['busiest-share'], yLabel: '% of contacts' },
    caption: () => {
      const last = counts[counts.length - 1]!;
      return `In ${years[years.length - 1]!.label}, the busiest 5% of addresses (${whole(last[2]!)}) accounted for ${percent(last[3]!, last[1]!)} of contacts at matched addresses.`;
    },
    notes: ['Only contacts whose address was matched to the gazetteer count here.'],
  });
  report.columns.push({ key: 'busiest-share', label: 'Their share of contacts (%)', kind: 'percent' });
  report.rows.forEach((row, i) => row.push(typeof row[4] !== 'number' || typeof row[2] !== 'number' ? SUPPRESSED_SECONDARY : counts[i]![1]! > 0 ? Math.round((1000 * counts[i]![3]!) / counts[i]![1]!) / 10 : null));
  return report;
}

function byDistrict(contacts: Contacts, window: ReportWindow): Report {
  const districts = [...new Set(contacts.map((c) => c.district ?? 'Unknown'))].sort((a, b) => (a === 'Unknown' ? 1 : b === 'Unknown' ? -1 : a.localeCompare(b, 'en', { numeric: true })));
  const at = new Map(districts.map((d, i) => [d, i]));
  const counts = districts.map(() => FEEDS.map(() => 0));
  for (const c of contacts) counts[at.get(c.district ?? 'Unknown')!]![FEEDS.indexOf(c.feed as FeedId)]! += c.contacts;
  return gridReport({
    id: 'contacts-by-district',
    title: 'Contacts by postcode district',
    rowHeader: { key: 'district', label: 'Postcode district' },
    rowLabels: districts,
    columns: feedColumns,
    counts,
    rowTotals: true,
    columnTotals: true,
    // Each agency's total is in contacts-by-agency as well.
    columnTotalsPublished: true,
    chart: { type: 'stacked-bar', x: 'district', series: [...FEEDS], yLabel: 'Contacts' },
    caption: (shown) => {
      const ranked = districts.map((d, r) => ({ d, n: shown.rowTotal(r) ?? -1 })).sort((a, b) => b.n - a.n);
      return ranked.length === 0 ? 'No contacts in these months.' : `From ${monthName(window.from)} to ${monthName(window.to)}, ${ranked[0]!.d} had the most contacts (${whole(ranked[0]!.n)}).`;
    },
    notes: ['The district is the outward part of the postcode (for example MB3), of the matched address, or of the postcode the partner sent.'],
  });
}
