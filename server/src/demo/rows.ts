// Turns activity into feed rows as each partner would send them: typed values with variations,
// source ids in the partner's style, and a few deliberately invalid rows. Each row keeps its truth
// (the real UPRN and person) for truth.csv.
import { CODE_LISTS, FEED_CONTRACTS, type FeedId } from '@mast/shared';
import type { ActivityEvent } from './activity.ts';
import { ageOn, dayOf, isoOf } from './dates.ts';
import { typedAddress, typedDob, typedFamily, typedGiven, typedPostcode, type VariationStats } from './errors.ts';
import type { FixtureRow } from './fixtures.ts';
import type { Rng } from './prng.ts';
import { leadTeamFor } from './teams.ts';

export interface Draft {
  feed: FeedId;
  day: number;
  cells: Record<string, string>;
  trueUprn: string;
  truePersonId: string;
  expectRejected: boolean;
  fixture: boolean;
}

const isCouncil = (feed: FeedId) => feed === 'council-adults' || feed === 'council-children';
const WITH_NHS_NUMBER = new Set(Object.values(FEED_CONTRACTS).filter((c) => c.columns.some((col) => col.name === 'nhs_number')).map((c) => c.id));
const hasNhsNumber = (feed: FeedId) => WITH_NHS_NUMBER.has(feed);
/** The contract's second column is always the contact (or opened-on) date. */
const dateColumn = (feed: FeedId) => FEED_CONTRACTS[feed].dateColumn;

/** NHS numbers as typed: usually ten digits, sometimes 3-3-4 with spaces. */
function typedNhsNumber(rng: Rng, n: string): string {
  return rng.chance(0.1) ? `${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}` : n;
}

function triageCode(rng: Rng, category: string): string {
  if (category === 'did-not-attend') return '';
  if (category === 'self-harm' || category === 'overdose') return rng.pick(['T2', 'T2', 'T3']);
  return rng.pick(['T2', 'T3', 'T3', 'T4', 'T4', 'T5']);
}

export function draftFromEvent(rng: Rng, e: ActivityEvent, asOf: string, stats: VariationStats): Draft {
  const { feed, person } = e;
  const p = e.household.property;
  const cells: Record<string, string> = { [dateColumn(feed)]: isoOf(e.day), category: e.category };
  if (e.attendance) cells.attendance_type = e.attendance;
  if (person) {
    cells.given_name = typedGiven(rng, person, stats);
    cells.family_name = typedFamily(rng, person, stats);
    cells.date_of_birth = typedDob(rng, person.dob, asOf, stats);
    const s = rng.next();
    cells.sex = s < 0.9 ? person.sex : s < 0.94 ? 'U' : '';
    const nhsShare = feed === 'nhs' ? 0.7 : 0.55;
    if (hasNhsNumber(feed) && rng.chance(nhsShare)) cells.nhs_number = typedNhsNumber(rng, person.nhsNumber);
  }
  const withUprn = rng.chance(isCouncil(feed) ? 0.9 : 0.1);
  if (withUprn) cells.uprn = p.uprn;
  // With a UPRN the address is usually still sent; without one it always is.
  cells.address = withUprn && rng.chance(isCouncil(feed) ? 0.2 : 0.05) ? '' : typedAddress(rng, p, stats);
  cells.postcode = typedPostcode(rng, p.postcode, stats);
  cells.lead_team = leadTeamFor(feed, e.category, p.area, person ? ageOn(person.dobDay, e.day) : null);
  if (feed === 'nhs') cells.triage_code = triageCode(rng, e.category);
  return { feed, day: e.day, cells, trueUprn: p.uprn, truePersonId: person?.id ?? '', expectRejected: false, fixture: false };
}

export function draftFromFixture(rng: Rng, f: FixtureRow, asOf: string): Draft {
  const day = dayOf(asOf) - f.daysBeforeAsOf;
  const cells: Record<string, string> = { [dateColumn(f.feed)]: isoOf(day), category: f.category };
  if (f.attendance) cells.attendance_type = f.attendance;
  if (f.person) {
    cells.given_name = f.given ?? f.person.givenName;
    cells.family_name = f.family ?? f.person.familyName;
    cells.date_of_birth = f.dob ?? f.person.dateOfBirth;
    cells.sex = f.person.sex;
    if (f.withNhsNumber && hasNhsNumber(f.feed)) cells.nhs_number = f.person.nhsNumber;
  }
  if (f.withUprn) cells.uprn = f.trueUprn;
  cells.address = f.address;
  cells.postcode = f.postcode;
  cells.lead_team = f.leadTeam;
  // The triage code is junk the pipeline ignores; it still comes from the seed, harmlessly.
  if (f.feed === 'nhs') cells.triage_code = triageCode(rng, f.category);
  return { feed: f.feed, day, cells, trueUprn: f.trueUprn, truePersonId: f.person?.id ?? '', expectRejected: false, fixture: true };
}

const ID_STYLE: Record<FeedId, (year: string, seq: number) => string> = {
  police: (y, n) => `POL-${y}-${String(n).padStart(6, '0')}`,
  nhs: (y, n) => `ED-${y}-${String(n).padStart(7, '0')}`,
  fire: (y, n) => `FRS-${y}-${String(n).padStart(5, '0')}`,
  'council-adults': (_y, n) => `ASC-${String(n).padStart(6, '0')}`,
  'council-children': (_y, n) => `CSC-${String(n).padStart(6, '0')}`,
};

/** Sorts a feed's rows by date and numbers them the way the source system would. */
export function assignSourceIds(feed: FeedId, drafts: Draft[]): Draft[] {
  drafts.sort((a, b) => a.day - b.day);
  const idColumn = FEED_CONTRACTS[feed].idColumn;
  const perYear = new Map<string, number>();
  drafts.forEach((d, i) => {
    const year = isoOf(d.day).slice(0, 4);
    const seq = isCouncil(feed) ? 100_000 + i * 3 + 1 : (perYear.get(year) ?? 0) + 1;
    perYear.set(year, seq);
    d.cells[idColumn] = ID_STYLE[feed](year, seq);
  });
  return drafts;
}

const BAD_CATEGORIES = ['other', 'unknown', 'Domestic Abuse', 'DV', 'ASB', 'misc', 'n/a'];

/**
 * Breaks a row so the contract must reject it: an impossible date, a category outside the code
 * list, a missing id, a name with digits or an NHS number failing its check digit.
 */
export function invalidate(rng: Rng, d: Draft): string {
  const contract = FEED_CONTRACTS[d.feed];
  const kinds = ['bad-date', 'bad-category', 'missing-id'];
  if (d.cells.given_name) kinds.push('name-with-digits');
  if (d.cells.nhs_number) kinds.push('bad-nhs-number');
  const kind = rng.pick(kinds);
  d.expectRejected = true;
  const dateCol = dateColumn(d.feed);
  const year = (d.cells[dateCol] ?? '2026').slice(0, 4);
  switch (kind) {
    case 'bad-date':
      d.cells[dateCol] = rng.pick([`${year}-02-30`, `${year}-04-31`, `${year}-13-05`, `${year}-11-31`]);
      break;
    case 'bad-category': {
      const codes = Object.keys(CODE_LISTS[d.feed]);
      d.cells.category = rng.pick(BAD_CATEGORIES.filter((c) => !codes.includes(c)));
      break;
    }
    case 'missing-id':
      d.cells[contract.idColumn] = '';
      break;
    case 'name-with-digits': {
      const name = d.cells.given_name!;
      d.cells.given_name = /o/i.test(name) && rng.chance(0.5) ? name.replace(/[oO]/, '0') : `${name}${rng.between(1, 9)}`;
      break;
    }
    case 'bad-nhs-number': {
      const digits = d.cells.nhs_number!.replace(/\s+/g, '');
      d.cells.nhs_number = digits.slice(0, 9) + String((Number(digits[9]) + 1) % 10);
      break;
    }
  }
  return kind;
}
