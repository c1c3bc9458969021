// A person's page as the sharing agreement lets one viewer see it: the same per-agency lines as an
// address's (every agency, "not known" included), the places their records name, and their open
// alerts. Rows at a place a partner marked sensitive are left out for viewers who may not find
// such places, as on an address page.
import { AGENCY_ORDER, feedStatus, type FeedId, type Level, type PersonPage, type ViewerRules } from '@mast/shared';
import type { InvolvementRow, PersonPageRows } from '@mast/db';
import { notSharedOf, sharedOf, summariseAgency, twelveMonthsBefore, type OpenCaseLead, type SummaryView } from './address-summary.ts';

export interface ShapedPersonPage {
  page: Omit<PersonPage, 'alerts'>;
  /** What the audit records of the view: each agency's line, at which level; never values. */
  shown: Record<string, string>;
  openCaseLeads: (OpenCaseLead & { uprn: number | null })[];
}

type SeenRow = InvolvementRow & { level: Exclude<Level, 'hidden'> };

const fullName = (given: string, family: string) => `${given} ${family}`;

/**
 * The other names a person's records carry, as the viewer may know them: only from agencies the
 * agreement tells them something of (a name is itself a sighting), each once whatever its case
 * ("Sandi KELLY" is "Sandi Kelly"), never the name they are shown by.
 */
export function otherNamesOf(names: readonly { given_name: string; family_name: string; feed: string }[], shown: string, rules: ViewerRules | null): string[] {
  const seen = new Map<string, string>([[shown.toLowerCase(), shown]]);
  const out: string[] = [];
  for (const n of names) {
    if (sharedOf(rules, n.feed as FeedId) === 'none') continue;
    const name = fullName(n.given_name, n.family_name);
    if (seen.has(name.toLowerCase())) continue;
    seen.set(name.toLowerCase(), name);
    out.push(name);
  }
  return out.sort();
}

/**
 * The page as `view` may see it; null when there is no such person, or when the agreement lets
 * the viewer know of none of their records (the page would tell of a person they have no business
 * finding).
 */
export function shapePersonPage(read: PersonPageRows, now: Date, view: SummaryView): ShapedPersonPage | null {
  const person = read.person;
  if (!person) return null;
  const since = twelveMonthsBefore(now);
  const hidden = new Set(read.places.filter((p) => p.sensitive && !view.seesSensitive).map((p) => p.uprn));
  const rows: SeenRow[] = [];
  for (const r of read.involvements) {
    if (r.uprn !== null && hidden.has(r.uprn)) continue;
    const level = view.rules ? (view.rules.levels[r.feed as FeedId]?.[r.category] ?? 'hidden') : 'full';
    if (level !== 'hidden') rows.push({ ...r, level });
  }
  if (rows.length === 0) return null;

  const statuses = new Map(AGENCY_ORDER.map((f) => [f, feedStatus(f, read.deliveries.get(f), now)]));
  const agencies = AGENCY_ORDER.map((f) => summariseAgency(f, rows, since, statuses.get(f)!, sharedOf(view.rules, f), notSharedOf(view.rules, f)));

  const placeOf = new Map(read.places.map((p) => [p.uprn, p]));
  const knownAt: PersonPage['knownAt'] = [];
  for (const r of rows) {
    // Rows come newest first, so places come most recent first.
    const place = r.uprn === null ? undefined : placeOf.get(r.uprn);
    if (!place || knownAt.some((k) => k.uprn === String(place.uprn))) continue;
    const here = rows.filter((x) => x.uprn === place.uprn);
    knownAt.push({
      uprn: String(place.uprn),
      label: place.label,
      postcode: place.postcode,
      agencies: AGENCY_ORDER.filter((f) => here.some((x) => x.feed === f)),
      lastContact: here[0]?.contact_date ?? null,
    });
  }

  const shown: Record<string, string> = {};
  for (const a of agencies) shown[a.agency] = a.shared === 'none' ? 'not-shared' : !a.involved ? 'none' : a.detail;
  shown.places = String(knownAt.length);
  const leads = new Map<number, ShapedPersonPage['openCaseLeads'][number]>();
  for (const r of rows) {
    if (r.open === true && !leads.has(r.team_id)) leads.set(r.team_id, { teamId: r.team_id, teamOrganisationId: r.team_organisation_id, feed: r.feed as FeedId, personId: person.id, uprn: r.uprn });
  }
  const shownName = fullName(person.given_name, person.family_name);
  return {
    page: {
      person: {
        personId: String(person.id),
        name: shownName,
        dateOfBirth: person.date_of_birth,
        otherNames: otherNamesOf(read.names, shownName, view.rules),
      },
      access: view.access,
      knownAt,
      agencies,
      generatedAt: now.toISOString(),
    },
    shown,
    openCaseLeads: [...leads.values()],
  };
}
