// Showcase fixtures: the same households, addresses and contacts at every seed and scale, so the
// README, the browser tests and a demo can point at them by name. Dates are fixed relative to
// asOf (days before it). The generator keeps all random activity away from these addresses, so
// the counts below are exact.
import type { FeedId } from '@mast/shared';

export interface FixturePerson {
  id: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  sex: 'M' | 'F';
  nhsNumber: string;
}

export const SANDRA_KELLY: FixturePerson = { id: 'P0000001', givenName: 'Sandra', familyName: 'Kelly', dateOfBirth: '1971-03-14', sex: 'F', nhsNumber: '4857773457' };
export const LEANNE_KELLY: FixturePerson = { id: 'P0000002', givenName: 'Leanne', familyName: 'Kelly', dateOfBirth: '1996-08-02', sex: 'F', nhsNumber: '4857773465' };
export const TYLER_BROOKS: FixturePerson = { id: 'P0000003', givenName: 'Tyler', familyName: 'Brooks', dateOfBirth: '2015-05-20', sex: 'M', nhsNumber: '4857773473' };
/** Tyler's mother: a child needs an adult in the household. */
export const DANIELLE_BROOKS: FixturePerson = { id: 'P0000004', givenName: 'Danielle', familyName: 'Brooks', dateOfBirth: '1993-01-22', sex: 'F', nhsNumber: '4857773481' };
/** The quiet house's residents: known to nobody. */
export const GRAHAM_WHITFIELD: FixturePerson = { id: 'P0000005', givenName: 'Graham', familyName: 'Whitfield', dateOfBirth: '1958-06-11', sex: 'M', nhsNumber: '4857773503' };
export const SUSAN_WHITFIELD: FixturePerson = { id: 'P0000006', givenName: 'Susan', familyName: 'Whitfield', dateOfBirth: '1960-09-03', sex: 'F', nhsNumber: '4857773511' };

export const FIXTURE_PEOPLE: readonly FixturePerson[] = [SANDRA_KELLY, LEANNE_KELLY, TYLER_BROOKS, DANIELLE_BROOKS, GRAHAM_WHITFIELD, SUSAN_WHITFIELD];

/** 27 Mill Lane, Northfield, Mastbury MB3 4RT: the case-study house. */
export const CASE_STUDY_UPRN = '100000000001';
/** 1 Acacia Avenue, Castlegate, Mastbury MB1 1AA: no partner involvement at all. */
export const QUIET_HOUSE_UPRN = '100000000002';
/** Beech Court, 5 Station Road, Kingsmead, Mastbury MB2 3PL: the building (parent UPRN). */
export const BEECH_COURT_UPRN = '100000000003';
/** Flat n of Beech Court is 100000000100 + n (flats 1-12). */
export const BEECH_COURT_FLAT_UPRNS: readonly string[] = Array.from({ length: 12 }, (_, i) => String(100000000101 + i));
export const BEECH_COURT_FLAT_4_UPRN = '100000000104';

export const CASE_STUDY_ADDRESS = { uprn: CASE_STUDY_UPRN, buildingNumber: '27', street: 'Mill Lane', locality: 'Northfield', town: 'Mastbury', postcode: 'MB3 4RT' } as const;
export const QUIET_HOUSE_ADDRESS = { uprn: QUIET_HOUSE_UPRN, buildingNumber: '1', street: 'Acacia Avenue', locality: 'Castlegate', town: 'Mastbury', postcode: 'MB1 1AA' } as const;
export const BEECH_COURT_ADDRESS = { uprn: BEECH_COURT_UPRN, buildingName: 'Beech Court', buildingNumber: '5', street: 'Station Road', locality: 'Kingsmead', town: 'Mastbury', postcode: 'MB2 3PL', flats: 12 } as const;

/**
 * The fixed streets the fixtures stand on. Their other houses get residents (and may get random
 * activity, except Beech Court) from the seed, but their layout, UPRNs and postcodes are fixed.
 */
export interface FixtureStreet {
  street: string;
  locality: string;
  /** Houses numbered 1..houses, except numbers taken by blocks. */
  houses: number;
  /** UPRN of house n (when not fixed below) is uprnBase + n. */
  uprnBase: number;
  fixedUprns: Readonly<Record<number, string>>;
  /** [first number, last number, postcode]. */
  postcodes: readonly (readonly [number, number, string])[];
  blocks: readonly { number: number; name: string; uprn: string; flatUprns: readonly string[]; postcode: string }[];
  start: { lat: number; lon: number };
  /** Bearing of the street, degrees clockwise from north. */
  bearing: number;
}

export const FIXTURE_STREETS: readonly FixtureStreet[] = [
  {
    street: 'Mill Lane', locality: 'Northfield', houses: 40, uprnBase: 100000000200, fixedUprns: { 27: CASE_STUDY_UPRN },
    postcodes: [[1, 14, 'MB3 4RS'], [15, 30, 'MB3 4RT'], [31, 40, 'MB3 4RU']], blocks: [],
    start: { lat: 52.6065, lon: -1.9785 }, bearing: 70,
  },
  {
    street: 'Acacia Avenue', locality: 'Castlegate', houses: 24, uprnBase: 100000000300, fixedUprns: { 1: QUIET_HOUSE_UPRN },
    postcodes: [[1, 12, 'MB1 1AA'], [13, 24, 'MB1 1AB']], blocks: [],
    start: { lat: 52.5812, lon: -1.9821 }, bearing: 160,
  },
  {
    street: 'Station Road', locality: 'Kingsmead', houses: 30, uprnBase: 100000000400, fixedUprns: {},
    postcodes: [[1, 15, 'MB2 3PJ'], [16, 30, 'MB2 3PN']],
    blocks: [{ number: 5, name: 'Beech Court', uprn: BEECH_COURT_UPRN, flatUprns: BEECH_COURT_FLAT_UPRNS, postcode: 'MB2 3PL' }],
    start: { lat: 52.5836, lon: -1.9541 }, bearing: 20,
  },
];

/** Postcodes the random generator must never hand out. */
export const RESERVED_POSTCODES: ReadonlySet<string> = new Set(
  FIXTURE_STREETS.flatMap((s) => [...s.postcodes.map((p) => p[2]), ...s.blocks.map((b) => b.postcode)]),
);
/** Street and building names the random generator must not reuse. */
export const RESERVED_NAMES: ReadonlySet<string> = new Set(['Mill Lane', 'Acacia Avenue', 'Station Road', 'Beech Court']);

/** One fixed feed row. `given`/`family`/`dob` are as typed (variations included). */
export interface FixtureRow {
  feed: FeedId;
  daysBeforeAsOf: number;
  category: string;
  attendance?: 'attended' | 'did-not-attend';
  person: FixturePerson | null;
  given?: string;
  family?: string;
  dob?: string;
  withNhsNumber?: boolean;
  trueUprn: string;
  withUprn: boolean;
  address: string;
  postcode: string;
  leadTeam: string;
}

type Typed = Pick<FixtureRow, 'person' | 'given' | 'family' | 'dob'>;
const as = (p: FixturePerson, given = p.givenName, family = p.familyName, dob = p.dateOfBirth): Typed => ({ person: p, given, family, dob });
const nobody: Typed = { person: null };
const S = SANDRA_KELLY;
const L = LEANNE_KELLY;

function cs(feed: FeedId, days: number, category: string, who: Typed, address: string, postcode: string, leadTeam: string, extra: Partial<FixtureRow> = {}): FixtureRow {
  return { feed, daysBeforeAsOf: days, category, ...who, trueUprn: CASE_STUDY_UPRN, withUprn: false, address, postcode, leadTeam, ...extra };
}
const nhs = (days: number, category: string, who: Typed, address: string, postcode: string, extra: Partial<FixtureRow> = {}) =>
  cs('nhs', days, category, who, address, postcode,
    ['self-harm', 'overdose', 'mental-health'].includes(category) ? 'ED-PSYCH-LIAISON' : 'ED-SAFEGUARDING',
    { attendance: category === 'did-not-attend' ? 'did-not-attend' : 'attended', withNhsNumber: true, ...extra });

/**
 * The case study (after the MAST flyer's real one): 29 contacts across three services in the 13
 * weeks before asOf (15 NHS, 3 fire, 11 police), at 27 Mill Lane, for Sandra and her adult daughter.
 */
export const CASE_STUDY_ROWS: readonly FixtureRow[] = [
  nhs(85, 'self-harm', as(L), '27 Mill Lane, Northfield, Mastbury', 'MB3 4RT'),
  nhs(80, 'alcohol', as(S), '27 Mill Lane, Mastbury', 'MB3 4RT'),
  nhs(74, 'self-harm', as(L), '27 Mill Ln', 'MB3 4RT', { withNhsNumber: false }),
  nhs(70, 'fall', as(S), '27 Mill Lane', ''),
  nhs(66, 'overdose', as(L, 'LEANNE', 'KELLY'), '27 MILL LANE NORTHFIELD', 'MB34RT'),
  nhs(61, 'did-not-attend', as(S), '27 Mill Lane, Northfield', 'MB3 4RT'),
  nhs(55, 'mental-health', as(L, 'Leanne', 'Kelley'), '27 Mill Lane, Northfield, Mastbury', 'MB3 4RT', { withNhsNumber: false }),
  nhs(49, 'alcohol', as(S, 'Sandi'), '27 Mill Lane', 'MB3 4RT'),
  nhs(44, 'self-harm', as(L), '27 mill lane', 'mb3 4rt'),
  nhs(38, 'injury', as(S), '27 Mill Lane, Mastbury', ''),
  nhs(31, 'overdose', as(L), '27 Mill Lane, Northfield, Mastbury', 'MB3 4RT'),
  nhs(26, 'alcohol', as(S), '27 Mill Lane', 'MB3 4RT', { withUprn: true }),
  nhs(19, 'did-not-attend', as(L, 'Leanne', 'Kelly', '1996-02-08'), '27 Mill Lane, Northfield', 'MB3 4RT'),
  nhs(12, 'alcohol', as(S), '27, Mill Lane, , Mastbury', 'MB3 4RT'),
  nhs(5, 'self-harm', as(L), '27 Mill Lane', 'MB3 4RT'),
  cs('fire', 78, 'hoarding', as(S), '27 Mill Lane, Northfield, Mastbury', 'MB3 4RT', 'FRS-PREVENTION'),
  cs('fire', 47, 'smoke-alarm-activation', nobody, '27 MILL LANE', 'MB3 4RT', 'FRS-NORTH-WEST'),
  cs('fire', 9, 'accidental-dwelling-fire', as(S, 'Sandra', 'Kelly'), '27 Mill Lane, Mastbury', 'MB3 4RT', 'FRS-NORTH-WEST', { withUprn: true }),
  cs('police', 88, 'concern-for-welfare', as(S), '27 Mill Lane, Northfield, Mastbury', 'MB3 4RT', 'POL-NORTH'),
  cs('police', 82, 'domestic-abuse', as(L), '27 Mill Lane, Northfield', 'MB3 4RT', 'POL-PPU'),
  cs('police', 72, 'missing-person', as(L), '27 Mill Ln, Mastbury', '', 'POL-NORTH'),
  cs('police', 64, 'concern-for-welfare', nobody, '27 Mill Lane', 'MB3 4RT', 'POL-NORTH'),
  cs('police', 57, 'antisocial-behaviour', nobody, '27 Mill Lane, Northfield', 'MB3 4RT', 'POL-NORTH'),
  cs('police', 50, 'domestic-abuse', as(S, 'Sandi', 'KELLY'), '27 MILL LANE, NORTHFIELD', 'MB3 4RT', 'POL-PPU'),
  cs('police', 41, 'mental-health', as(L), '27 Mill Lane', 'MB3 4RT', 'POL-NORTH'),
  cs('police', 33, 'concern-for-welfare', as(S), '27 Mill Lane, Northfield, Mastbury', 'MB3 4RT', 'POL-NORTH', { withUprn: true }),
  cs('police', 24, 'domestic-abuse', nobody, '27 Mill Lane, Mastbury', 'MB3 4RT', 'POL-PPU'),
  cs('police', 15, 'concern-for-welfare', as(L), '27 Mill Lane', '', 'POL-NORTH'),
  cs('police', 3, 'mental-health', as(S), '27 Mill Lane, Northfield, Mastbury', 'MB3 4RT', 'POL-NORTH'),
];

/** Sandra's open adult social care case (council-adults snapshot). */
export const CASE_STUDY_ADULTS_CASE: FixtureRow = cs('council-adults', 40, 'self-neglect', as(S), '27 Mill Lane, Northfield, Mastbury', 'MB3 4RT', 'ASC-NORTH-WEST', { withUprn: true, withNhsNumber: true });

const FLAT_4 = 'Flat 4, Beech Court, 5 Station Road, Kingsmead, Mastbury';
/** Tyler's open children's social care case (council-children snapshot). */
export const BEECH_COURT_CHILDREN_CASE: FixtureRow = {
  feed: 'council-children', daysBeforeAsOf: 75, category: 'child-protection', ...as(TYLER_BROOKS), withNhsNumber: true,
  trueUprn: BEECH_COURT_FLAT_4_UPRN, withUprn: true, address: FLAT_4, postcode: 'MB2 3PL', leadTeam: 'CSC-SOUTH-EAST',
};
/** Two police incidents at Flat 4 in the three months before asOf. */
export const BEECH_COURT_POLICE_ROWS: readonly FixtureRow[] = [
  { feed: 'police', daysBeforeAsOf: 61, category: 'child-concern', ...nobody, trueUprn: BEECH_COURT_FLAT_4_UPRN, withUprn: false, address: 'Flat 4 Beech Court, Station Rd', postcode: 'MB2 3PL', leadTeam: 'POL-PPU' },
  { feed: 'police', daysBeforeAsOf: 20, category: 'domestic-abuse', ...as(DANIELLE_BROOKS), trueUprn: BEECH_COURT_FLAT_4_UPRN, withUprn: false, address: FLAT_4, postcode: 'MB2 3PL', leadTeam: 'POL-PPU' },
];

export const FIXTURE_ROWS: readonly FixtureRow[] = [...CASE_STUDY_ROWS, CASE_STUDY_ADULTS_CASE, BEECH_COURT_CHILDREN_CASE, ...BEECH_COURT_POLICE_ROWS];

/** Households placed at fixed addresses (everyone else is generated from the seed). */
export const FIXTURE_HOUSEHOLDS: readonly { uprn: string; members: readonly FixturePerson[] }[] = [
  { uprn: CASE_STUDY_UPRN, members: [SANDRA_KELLY, LEANNE_KELLY] },
  { uprn: QUIET_HOUSE_UPRN, members: [GRAHAM_WHITFIELD, SUSAN_WHITFIELD] },
  { uprn: BEECH_COURT_FLAT_4_UPRN, members: [DANIELLE_BROOKS, TYLER_BROOKS] },
];

/** Addresses random activity must never touch (their counts above must stay exact). */
export const QUIET_UPRNS: ReadonlySet<string> = new Set([CASE_STUDY_UPRN, QUIET_HOUSE_UPRN, BEECH_COURT_UPRN, ...BEECH_COURT_FLAT_UPRNS]);
