// The look-alike borough's people: households at addresses, with the people a person matcher
// confuses put in on purpose (twins; a father and son or mother and daughter with one name at
// one address; very common names many times in one postcode, and now and then the same common
// name born on the same day elsewhere; women whose family name changed on marriage; people who
// moved house). Never read by the matcher: it only sees the records written from these people.
import { FAMILY_NAMES, GIVEN_NAMES, ORIGIN_SHARES, type GivenName, type Origin, type Sex } from '../../demo/names.ts';
import { WeightedSampler, type Rng } from '../../demo/prng.ts';
import { NhsNumbers } from '../../demo/people.ts';
import { otherAddress, randomAddress, type Address, type Places } from './places.ts';

/** The hard cases a record can belong to (a record may belong to several). */
export const CASES = [
  'twins', 'namesake', 'common-name', 'married', 'moved', 'nickname', 'swapped-dob', 'missing-dob', 'wrong-fields', 'typo',
] as const;
export type Case = (typeof CASES)[number];

export interface Dob {
  y: number;
  m: number;
  d: number;
}

export interface Person {
  id: string;
  given: GivenName;
  family: string;
  sex: Sex;
  dob: Dob;
  nhsNumber: string;
  home: Address;
  /** Where they lived before (a move of house): some records still carry it. */
  previous?: Address;
  /** Family name before marriage: some records carry it, some a double barrel of both. */
  maiden?: string;
  /** A generational suffix some partner systems type ("Jr", "Sr"). */
  suffix?: 'junior' | 'senior';
  cases: Set<Case>;
}

/** Very common names, put many times into a few postcodes. */
export const COMMON_NAMES: readonly { given: string; family: string; sex: Sex; origin: Origin }[] = [
  { given: 'Mohammed', family: 'Khan', sex: 'M', origin: 'south-asian-muslim' },
  { given: 'Jack', family: 'Smith', sex: 'M', origin: 'british' },
  { given: 'Sarah', family: 'Jones', sex: 'F', origin: 'british' },
  { given: 'Mohammed', family: 'Hussain', sex: 'M', origin: 'south-asian-muslim' },
];

const AS_OF_YEAR = 2026;
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function eraOf(year: number): string {
  return year < 1965 ? 'o' : year < 1995 ? 'm' : 'y';
}

export class Population {
  readonly people: Person[] = [];
  private readonly nhs: NhsNumbers;
  private readonly givenPools = new Map<string, { names: GivenName[]; sampler: WeightedSampler }>();
  private readonly familyPools = new Map<Origin, WeightedSampler>();

  constructor(private readonly rng: Rng, private readonly places: Places) {
    this.nhs = new NhsNumbers(rng, (r) => 400_000_000 + r.int(300_000_000));
  }

  dobBetween(from: number, to: number): Dob {
    const y = this.rng.between(from, to);
    const m = 1 + this.rng.int(12);
    return { y, m, d: 1 + this.rng.int(DAYS[m - 1]!) };
  }

  givenName(sex: Sex, origin: Origin, year: number, not: ReadonlySet<string> = new Set()): GivenName {
    const key = `${sex}${origin}${eraOf(year)}`;
    let pool = this.givenPools.get(key);
    if (!pool) {
      let names = GIVEN_NAMES.filter((g) => g.sex === sex && g.origin === origin && g.eras.includes(eraOf(year)));
      if (names.length === 0) names = GIVEN_NAMES.filter((g) => g.sex === sex && g.origin === origin);
      pool = { names, sampler: new WeightedSampler(names.map((g) => g.weight)) };
      this.givenPools.set(key, pool);
    }
    for (let tries = 0; ; tries++) {
      const g = pool.names[pool.sampler.draw(this.rng)]!;
      if (!not.has(g.name) || tries > 50) return g;
    }
  }

  familyName(origin: Origin): string {
    let s = this.familyPools.get(origin);
    if (!s) this.familyPools.set(origin, (s = new WeightedSampler(FAMILY_NAMES[origin].map((f) => f.weight))));
    return FAMILY_NAMES[origin][s.draw(this.rng)]!.name;
  }

  origin(): Origin {
    return this.rng.weighted(ORIGIN_SHARES);
  }

  add(p: Omit<Person, 'id' | 'nhsNumber' | 'cases'> & { cases?: Case[] }): Person {
    const person: Person = { ...p, id: `P${String(this.people.length + 1).padStart(6, '0')}`, nhsNumber: this.nhs.next(), cases: new Set(p.cases ?? []) };
    this.people.push(person);
    return person;
  }

  /** One household at a new address: adults, children, and the hard cases that live in homes. */
  household(): void {
    const rng = this.rng;
    const home = randomAddress(rng, this.places);
    const origin = this.origin();
    const family = this.familyName(origin);
    const kind = rng.weighted({ single: 25, couple: 25, family: 35, lone: 15 });
    const adults: Person[] = [];
    const first = this.dobBetween(1946, 2004);
    const firstSex: Sex = kind === 'lone' ? (rng.chance(0.85) ? 'F' : 'M') : rng.chance(0.5) ? 'M' : 'F';
    adults.push(this.add({ given: this.givenName(firstSex, origin, first.y), family, sex: firstSex, dob: first, home }));
    if (kind === 'couple' || kind === 'family') {
      const sex: Sex = firstSex === 'M' ? 'F' : 'M';
      const dob = this.dobBetween(Math.max(1946, first.y - 6), Math.min(2004, first.y + 6));
      adults.push(this.add({ given: this.givenName(sex, origin, dob.y), family, sex, dob, home }));
    }
    // A woman in a couple may be known by her maiden name on older records.
    for (const a of adults) {
      if (adults.length === 2 && a.sex === 'F' && rng.chance(0.3)) {
        let maiden = this.familyName(origin);
        while (maiden === family) maiden = this.familyName(this.origin());
        a.maiden = maiden;
        a.cases.add('married');
      }
    }
    // Children born when the younger parent was 18 to 45, and still at home (under 25).
    const from = Math.max(Math.max(...adults.map((a) => a.dob.y)) + 18, AS_OF_YEAR - 25);
    const to = Math.min(Math.min(...adults.map((a) => a.dob.y)) + 45, AS_OF_YEAR);
    if ((kind === 'family' || kind === 'lone') && from <= to) {
      const kids = 1 + rng.int(3);
      const born: Person[] = [];
      for (let k = 0; k < kids; k++) {
        const dob = this.dobBetween(from, to);
        const sex: Sex = rng.chance(0.5) ? 'M' : 'F';
        // Brothers and sisters never share a given name (a namesake child is put in below).
        born.push(this.add({ given: this.givenName(sex, origin, dob.y, new Set([...adults, ...born].map((b) => b.given.name))), family, sex, dob, home }));
      }
      if (rng.chance(0.12)) {
        // Twins: the same family name, home and birthday; different given names.
        const twin = born[0]!;
        const sex: Sex = rng.chance(0.6) ? twin.sex : twin.sex === 'M' ? 'F' : 'M';
        const other = this.add({ given: this.givenName(sex, origin, twin.dob.y, new Set([...adults, ...born].map((b) => b.given.name))), family, sex, dob: { ...twin.dob }, home, cases: ['twins'] });
        twin.cases.add('twins');
        born.push(other);
      }
      if (rng.chance(0.12)) {
        // A son named after his father (or a daughter after her mother): one name, one home.
        // Born when the parent was 18 to 45, and still living at home (so not yet 30).
        const parent = adults[rng.int(adults.length)]!;
        const first = Math.max(parent.dob.y + 18, AS_OF_YEAR - 30);
        const last = Math.min(parent.dob.y + 45, AS_OF_YEAR);
        if (first <= last) {
          const dob = this.dobBetween(first, last);
          const child = this.add({ given: parent.given, family, sex: parent.sex, dob, home, cases: ['namesake'] });
          parent.cases.add('namesake');
          if (rng.chance(0.7)) {
            child.suffix = 'junior';
            parent.suffix = 'senior';
          }
          born.push(child);
        }
      }
    }
  }

  /** Many different people with one very common name in one postcode, each in a home there. */
  commonNameCluster(postcode: number, name: (typeof COMMON_NAMES)[number], count: number): void {
    const given = GIVEN_NAMES.find((g) => g.name === name.given && g.sex === name.sex)!;
    for (let k = 0; k < count; k++) {
      const home = randomAddress(this.rng, this.places, postcode);
      const dob = this.dobBetween(1950, 2022);
      this.add({ given, family: name.family, sex: name.sex, dob, home, cases: ['common-name'] });
    }
  }

  /** Two different people with one common name, born on the same day, living apart. */
  commonNameDoubles(name: (typeof COMMON_NAMES)[number]): void {
    const given = GIVEN_NAMES.find((g) => g.name === name.given && g.sex === name.sex)!;
    const dob = this.dobBetween(1960, 2020);
    const home = randomAddress(this.rng, this.places);
    this.add({ given, family: name.family, sex: name.sex, dob, home, cases: ['common-name'] });
    this.add({ given, family: name.family, sex: name.sex, dob: { ...dob }, home: otherAddress(this.rng, this.places, home, true), cases: ['common-name'] });
  }

  /** Some people moved house: a previous address, near or far. */
  moves(share: number): void {
    for (const p of this.people) {
      if (!this.rng.chance(share)) continue;
      p.previous = otherAddress(this.rng, this.places, p.home, this.rng.chance(0.5));
      p.cases.add('moved');
    }
  }
}
