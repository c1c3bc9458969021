// Builds the answer to "who else is involved here, and whom do I call?" for one address, as
// the sharing agreement lets one viewer see it. Every agency gets a line, involved or not: "not
// known" is an answer an officer relies on, and so is "this agency's data is late"; where the
// agreement keeps some of an agency's records from the viewer, its line says so instead.
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
  type Level,
  type SummaryAccess,
  type ViewerRules,
} from '@mast/shared';
import { getAddressSummaryRows, type AddressSummaryRows, type Db, type InvolvementRow } from '@mast/db';

/**
 * Whose eyes the summary is for. `rules` null means every record at full detail (break-glass);
 * `seesSensitive` whether places a partner marked sensitive are shown at all.
 */
export interface SummaryView {
  rules: ViewerRules | null;
  seesSensitive: boolean;
  access: SummaryAccess;
}

/** A summary row with the level its viewer sees it at. */
type SeenRow = InvolvementRow & { level: Exclude<Level, 'hidden'> };

/** The open cases among the rows the summary drew on, with their lead teams: whom to tell of the view. */
export interface OpenCaseLead {
  teamId: number;
  teamOrganisationId: number;
  feed: FeedId;
  personId: number | null;
}

export interface ShapedSummary {
  summary: AddressSummary;
  /** What the audit records of the view: each agency's line, at which level; never values. */
  shown: Record<string, string>;
  openCaseLeads: OpenCaseLead[];
}

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
function agenciesByPlace(rows: SeenRow[]): (uprn: number) => FeedId[] {
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
function knownAt(rows: SeenRow[], placeOrder: number[]): string[] {
  const theirs = new Set(rows.filter((r) => r.at_address).map((r) => r.uprn));
  return placeOrder.filter((u) => theirs.has(u)).map(String);
}

/** How much of `feed` the agreement shares with this viewer, whatever is recorded. */
export function sharedOf(rules: ViewerRules | null, feed: FeedId): Involvement['shared'] {
  if (!rules) return 'all';
  const levels = Object.values(rules.levels[feed] ?? {});
  if (levels.length === 0 || levels.every((l) => l === 'hidden')) return 'none';
  return levels.some((l) => l === 'hidden') ? 'some' : 'all';
}

/** The categories of `feed` the agreement keeps from this viewer, in code-list order. */
export function notSharedOf(rules: ViewerRules | null, feed: FeedId): Involvement['notShared'] {
  if (!rules) return [];
  return Object.entries(rules.levels[feed] ?? {})
    .filter(([, level]) => level === 'hidden')
    .map(([code]) => ({ code, label: categoryLabel(feed, code) }));
}

export function summariseAgency(
  feed: FeedId,
  rows: SeenRow[],
  since: string,
  status: FeedStatus,
  shared: Involvement['shared'],
  notShared: Involvement['notShared'] = [],
): Involvement {
  const mine = rows.filter((r) => r.feed === feed);
  const snapshot = AGENCIES[feed].kind === 'snapshot';
  const flagOnly = mine.some((r) => r.level === 'flag');
  const categories: { code: string; label: string }[] = [];
  for (const r of mine) {
    if (r.level === 'full' && !categories.some((c) => c.code === r.category)) categories.push({ code: r.category, label: categoryLabel(feed, r.category) });
  }
  // Rows come newest first; an open case's team is the one to call before anyone else.
  const lead = mine.find((r) => r.open === true) ?? mine[0];
  return {
    agency: feed,
    agencyName: AGENCIES[feed].name,
    involved: mine.length > 0,
    shared,
    notShared,
    detail: flagOnly ? 'flag' : 'full',
    categories,
    contacts12m: mine.filter((r) => r.contact_date >= since).length,
    lastContact: mine[0]?.contact_date ?? null,
    openCase: snapshot ? mine.some((r) => r.open === true) : null,
    contact: lead ? contactOf(lead) : null,
    feed: status,
  };
}

/**
 * The summary of one address as `view` may see it; null when the gazetteer has no such UPRN, and
 * 'hidden' when a partner marked it sensitive and the viewer may not find it.
 */
export async function getAddressSummary(db: Db, uprn: number, now: Date, view: SummaryView = FULL_VIEW): Promise<ShapedSummary | 'hidden' | null> {
  return shapeAddressSummary(await readAddressSummary(db, uprn, now), uprn, now, view);
}

/**
 * What is recorded at the address, read in one statement (the shaping is apart), with whether the
 * user named holds a break-glass there now.
 */
export function readAddressSummary(db: Db, uprn: number, now: Date, breakGlassOf?: number): Promise<AddressSummaryRows> {
  return getAddressSummaryRows(db, uprn, twelveMonthsBefore(now), breakGlassOf === undefined ? undefined : { userId: breakGlassOf, at: now });
}

/** The rows read by readAddressSummary, as `view` may see them. */
export function shapeAddressSummary(read: AddressSummaryRows, uprn: number, now: Date, view: SummaryView): ShapedSummary | 'hidden' | null {
  const since = twelveMonthsBefore(now);
  const { places: allPlaces, involvements: allRows, deliveries } = read;
  const address = allPlaces.find((p) => p.uprn === uprn);
  if (!address) return null;
  if (address.sensitive && !view.seesSensitive) return 'hidden';
  // A flat a partner marked sensitive is left out of its building's answer, with its records.
  const places = view.seesSensitive ? allPlaces : allPlaces.filter((p) => !p.sensitive);
  const placeSet = new Set(places.map((p) => p.uprn));
  const hiddenPlaces = new Set(allPlaces.filter((p) => !placeSet.has(p.uprn)).map((p) => p.uprn));
  const rows: SeenRow[] = [];
  for (const r of allRows) {
    if (r.uprn !== null && hiddenPlaces.has(r.uprn)) continue;
    const level = view.rules ? (view.rules.levels[r.feed as FeedId]?.[r.category] ?? 'hidden') : 'full';
    if (level !== 'hidden') rows.push({ ...r, at_address: r.at_address && (r.uprn === null || placeSet.has(r.uprn)), level });
  }

  const statuses = new Map(AGENCY_ORDER.map((f) => [f, feedStatus(f, deliveries.get(f), now)]));
  const shared = new Map(AGENCY_ORDER.map((f) => [f, sharedOf(view.rules, f)]));
  const notShared = new Map(AGENCY_ORDER.map((f) => [f, notSharedOf(view.rules, f)]));
  const here = rows.filter((r) => r.at_address);
  const units = places
    .filter((p) => p.uprn !== uprn)
    .sort((a, b) => (a.sub_building ?? '').localeCompare(b.sub_building ?? '', 'en', { numeric: true }));
  // The address first, then its flats as listed: the order a person's places are named in.
  const placeOrder = [uprn, ...units.map((u) => u.uprn)];
  const agenciesAt = agenciesByPlace(here);

  const people = new Map<number, SeenRow[]>();
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
      agencies: AGENCY_ORDER.filter((f) => list.some((r) => r.feed === f)).map((f) => summariseAgency(f, list, since, statuses.get(f)!, shared.get(f)!, notShared.get(f)!)),
    }))
    .sort((a, b) => a.dateOfBirth.localeCompare(b.dateOfBirth) || a.name.localeCompare(b.name));

  const agencies = AGENCY_ORDER.map((f) => summariseAgency(f, here, since, statuses.get(f)!, shared.get(f)!, notShared.get(f)!));
  const shown: Record<string, string> = {};
  for (const a of agencies) shown[a.agency] = a.shared === 'none' ? 'not-shared' : !a.involved ? 'none' : a.detail;
  shown.people = String(personSummaries.length);
  const leads = new Map<number, OpenCaseLead>();
  for (const r of here) if (r.open === true && !leads.has(r.team_id)) leads.set(r.team_id, { teamId: r.team_id, teamOrganisationId: r.team_organisation_id, feed: r.feed as FeedId, personId: r.person_id });

  return {
    summary: {
      address: {
        uprn: String(address.uprn),
        label: address.label,
        postcode: address.postcode,
        parentUprn: address.parent_uprn === null ? null : String(address.parent_uprn),
        latitude: address.latitude,
        longitude: address.longitude,
      },
      sensitive: places.some((p) => p.sensitive),
      access: view.access,
      units: units.map((p) => ({ uprn: String(p.uprn), label: p.label, agencies: agenciesAt(p.uprn) })),
      agenciesAtAddressItself: agenciesAt(uprn),
      agencies,
      people: personSummaries,
      alerts: [],
      generatedAt: now.toISOString(),
    },
    shown,
    openCaseLeads: [...leads.values()],
  };
}

/** Every record at full detail, sensitive places included: for break-glass, tests and benchmarks. */
export const FULL_VIEW: SummaryView = {
  rules: null,
  seesSensitive: true,
  access: { purpose: 'none', reference: null, agreementVersion: 'none', breakGlass: false, canBreakGlass: false },
};

/** The summary as its partners recorded it, everything at full detail (tests and the benchmark's floor). */
export async function getFullAddressSummary(db: Db, uprn: number, now: Date): Promise<AddressSummary | null> {
  const shaped = await getAddressSummary(db, uprn, now, FULL_VIEW);
  return shaped && shaped !== 'hidden' ? shaped.summary : null;
}
