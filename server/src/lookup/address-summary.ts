// Builds the answer to "who else is involved here, and whom do I call?" for one address.
// Every agency gets a line, involved or not: "not known" is an answer an officer relies on,
// and so is "this agency's data is late".
import {
  AGENCIES,
  AGENCY_ORDER,
  categoryLabel,
  feedStatus,
  type AddressSummary,
  type Contact,
  type FeedId,
  type FeedStatus,
  type Involvement,
  type PersonSummary,
} from '@mast/shared';
import { getAddressSummaryRows, type Db, type InvolvementRow } from '@mast/db';

/** The live window: contacts in the last 12 months count. */
export function twelveMonthsBefore(now: Date): string {
  const d = new Date(now);
  d.setUTCFullYear(d.getUTCFullYear() - 1);
  return d.toISOString().slice(0, 10);
}

function contactOf(row: InvolvementRow): Contact {
  const outOfHours = row.out_of_hours_name !== null && row.out_of_hours_phone !== null ? { name: row.out_of_hours_name, phone: row.out_of_hours_phone } : null;
  return { team: row.team, phone: row.phone, hours: row.hours, outOfHours };
}

/** For each place, the agencies with a row there, in display order (once over the rows: a tower has many flats). */
function agenciesByPlace(rows: InvolvementRow[]): (uprn: number) => FeedId[] {
  const feeds = new Map<number, Set<string>>();
  for (const r of rows) {
    if (r.uprn === null) continue;
    const set = feeds.get(r.uprn);
    if (set) set.add(r.feed);
    else feeds.set(r.uprn, new Set([r.feed]));
  }
  return (uprn) => AGENCY_ORDER.filter((f) => feeds.get(uprn)?.has(f));
}

/** The places of this summary where a person's rows are, in the summary's order. */
function knownAt(rows: InvolvementRow[], placeOrder: number[]): string[] {
  const theirs = new Set(rows.filter((r) => r.at_address).map((r) => r.uprn));
  return placeOrder.filter((u) => theirs.has(u)).map(String);
}

export function summariseAgency(feed: FeedId, rows: InvolvementRow[], since: string, status: FeedStatus): Involvement {
  const mine = rows.filter((r) => r.feed === feed);
  const snapshot = AGENCIES[feed].kind === 'snapshot';
  const categories: { code: string; label: string }[] = [];
  for (const r of mine) {
    if (!categories.some((c) => c.code === r.category)) categories.push({ code: r.category, label: categoryLabel(feed, r.category) });
  }
  // Rows come newest first; an open case's team is the one to call before anyone else.
  const lead = mine.find((r) => r.open === true) ?? mine[0];
  return {
    agency: feed,
    agencyName: AGENCIES[feed].name,
    involved: mine.length > 0,
    categories,
    contacts12m: mine.filter((r) => r.contact_date >= since).length,
    lastContact: mine[0]?.contact_date ?? null,
    openCase: snapshot ? mine.some((r) => r.open === true) : null,
    contact: lead ? contactOf(lead) : null,
    feed: status,
  };
}

/** The summary of one address as its partners recorded it, or null when the gazetteer has no such UPRN. */
export async function getAddressSummary(db: Db, uprn: number, now: Date): Promise<AddressSummary | null> {
  const since = twelveMonthsBefore(now);
  const { places, involvements: rows, deliveries } = await getAddressSummaryRows(db, uprn, since);
  const address = places.find((p) => p.uprn === uprn);
  if (!address) return null;
  const statuses = new Map(AGENCY_ORDER.map((f) => [f, feedStatus(f, deliveries.get(f), now)]));
  const here = rows.filter((r) => r.at_address);
  const units = places
    .filter((p) => p.uprn !== uprn)
    .sort((a, b) => (a.sub_building ?? '').localeCompare(b.sub_building ?? '', 'en', { numeric: true }));
  // The address first, then its flats as listed: the order a person's places are named in.
  const placeOrder = [uprn, ...units.map((u) => u.uprn)];
  const agenciesAt = agenciesByPlace(here);

  const people = new Map<number, InvolvementRow[]>();
  for (const r of rows) {
    if (r.person_id === null) continue;
    const list = people.get(r.person_id);
    if (list) list.push(r);
    else people.set(r.person_id, [r]);
  }
  const personSummaries: PersonSummary[] = [...people.entries()]
    // Only people with a record at this address are "known here"; their rows elsewhere count too.
    .filter(([, list]) => list.some((r) => r.at_address))
    .map(([id, list]) => ({
      personId: String(id),
      name: `${list[0]!.given_name} ${list[0]!.family_name}`,
      dateOfBirth: list[0]!.date_of_birth!,
      knownAt: knownAt(list, placeOrder),
      agencies: AGENCY_ORDER.filter((f) => list.some((r) => r.feed === f)).map((f) => summariseAgency(f, list, since, statuses.get(f)!)),
    }))
    .sort((a, b) => a.dateOfBirth.localeCompare(b.dateOfBirth) || a.name.localeCompare(b.name));

  return {
    address: {
      uprn: String(address.uprn),
      label: address.label,
      postcode: address.postcode,
      parentUprn: address.parent_uprn === null ? null : String(address.parent_uprn),
      latitude: address.latitude,
      longitude: address.longitude,
    },
    units: units.map((p) => ({ uprn: String(p.uprn), label: p.label, agencies: agenciesAt(p.uprn) })),
    agenciesAtAddressItself: agenciesAt(uprn),
    agencies: AGENCY_ORDER.map((f) => summariseAgency(f, here, since, statuses.get(f)!)),
    people: personSummaries,
    generatedAt: now.toISOString(),
  };
}
