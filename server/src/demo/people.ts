// Households and residents: who lives at each address. Ages follow the household type; names
// follow the household's community; each person gets a stable NHS number. Each household also
// gets a demand weight: most are rarely seen by services, a "troubled" 2-3% are seen constantly,
// which is what makes multi-agency safeguarding matter.
import { fields } from '@mast/shared';
import type { Property } from './addresses.ts';
import { ageOn, dayOf, isoOf } from './dates.ts';
import { FIXTURE_HOUSEHOLDS, QUIET_UPRNS, type FixturePerson } from './fixtures.ts';
import { FAMILY_NAMES, GIVEN_BY_NAME, GIVEN_NAMES, ORIGIN_SHARES, type Era, type GivenName, type Origin, type Sex } from './names.ts';
import { Rng, WeightedSampler } from './prng.ts';

export interface Person {
  id: string;
  given: string;
  /** The name-list entry, for short forms; null for names outside the lists. */
  givenEntry: GivenName | null;
  family: string;
  /** A family name this person is also known by (maiden name, one half of a double barrel), or ''. */
  altFamily: string;
  dob: string;
  dobDay: number;
  sex: Sex;
  nhsNumber: string;
  household: Household;
}

export type HouseholdType =
  | 'single-young' | 'single-mid' | 'single-old' | 'couple' | 'couple-old'
  | 'couple-kids' | 'lone-parent' | 'sharers' | 'multi-gen' | 'fixture';

export interface Household {
  index: number;
  property: Property;
  type: HouseholdType;
  members: Person[];
  /** 0 ordinary, 1 at risk, 2 troubled. */
  tier: 0 | 1 | 2;
  /** Relative demand on services; 0 for the fixture addresses that must stay quiet. */
  weight: number;
  /** Troubled households have a 13-week crisis: the first day of it. */
  episodeStart: number;
}

export interface Population {
  households: Household[];
  people: Person[];
}

// Weights per 100 households, in houses and in flats (flats skew to single people and couples).
const HOUSE_TYPES: Record<Exclude<HouseholdType, 'fixture'>, number> = {
  'single-young': 4, 'single-mid': 7, 'single-old': 10, couple: 13, 'couple-old': 10,
  'couple-kids': 29, 'lone-parent': 9, sharers: 5, 'multi-gen': 13,
};
const FLAT_TYPES: Record<Exclude<HouseholdType, 'fixture'>, number> = {
  'single-young': 18, 'single-mid': 16, 'single-old': 11, couple: 18, 'couple-old': 4,
  'couple-kids': 11, 'lone-parent': 13, sharers: 7, 'multi-gen': 2,
};
const TROUBLED_CHANCE: Partial<Record<HouseholdType, number>> = {
  'lone-parent': 0.07, 'single-young': 0.045, sharers: 0.04, 'couple-kids': 0.022, 'single-mid': 0.03, 'multi-gen': 0.025,
};
const OCCUPANCY = 0.965;

function eraOf(year: number): Era {
  return year < 1965 ? 'o' : year < 1995 ? 'm' : 'y';
}

/** Given-name pools by community, sex and era, each with a weighted sampler. */
class NamePools {
  private readonly pools = new Map<string, { names: GivenName[]; sampler: WeightedSampler }>();

  given(rng: Rng, origin: Origin, sex: Sex, year: number): GivenName {
    // Younger people from every community often carry names from the British list.
    const o: Origin = origin !== 'british' && eraOf(year) === 'y' && rng.chance(0.25) ? 'british' : origin;
    const key = `${o}:${sex}:${eraOf(year)}`;
    let pool = this.pools.get(key);
    if (!pool) {
      let names = GIVEN_NAMES.filter((g) => g.origin === o && g.sex === sex && g.eras.includes(eraOf(year)));
      if (names.length === 0) names = GIVEN_NAMES.filter((g) => g.origin === o && g.sex === sex);
      pool = { names, sampler: new WeightedSampler(names.map((g) => g.weight)) };
      this.pools.set(key, pool);
    }
    return pool.names[pool.sampler.draw(rng)]!;
  }

  private readonly families = new Map<Origin, WeightedSampler>();
  family(rng: Rng, origin: Origin): string {
    let sampler = this.families.get(origin);
    if (!sampler) {
      sampler = new WeightedSampler(FAMILY_NAMES[origin].map((f) => f.weight));
      this.families.set(origin, sampler);
    }
    return FAMILY_NAMES[origin][sampler.draw(rng)]!.name;
  }
}

/** The borough's nine-digit bodies: 6xx and 7xx ranges; the fixtures use 4xx, so the two never collide. */
const BOROUGH_BODIES = (rng: Rng) => (rng.chance(0.5) ? 600_000_000 : 700_000_000) + rng.int(100_000_000);

/** Ten-digit NHS numbers with a valid modulus-11 check digit, never repeated, on bodies `draw` picks. */
export class NhsNumbers {
  private readonly used = new Set<number>();
  constructor(
    private readonly rng: Rng,
    private readonly draw: (rng: Rng) => number = BOROUGH_BODIES,
  ) {}
  next(): string {
    for (;;) {
      const body = this.draw(this.rng);
      if (this.used.has(body)) continue;
      const digits = String(body);
      let sum = 0;
      for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
      const check = 11 - (sum % 11);
      if (check === 10) continue;
      this.used.add(body);
      const full = digits + (check === 11 ? 0 : check);
      if (!fields.nhsCheckDigitValid(full)) throw new Error('NHS number generator is broken');
      return full;
    }
  }
}

export function populate(properties: readonly Property[], seed: number, asOf: string): Population {
  const rng = new Rng(seed, 'people');
  const nhs = new NhsNumbers(new Rng(seed, 'nhs-numbers'));
  const names = new NamePools();
  const asOfDay = dayOf(asOf);
  const households: Household[] = [];
  const people: Person[] = [];
  const fixtures = new Map(FIXTURE_HOUSEHOLDS.map((f) => [f.uprn, f.members]));
  let nextId = 1001;

  const birthDay = (minAge: number, maxAge: number) => asOfDay - Math.floor((minAge + rng.next() * (maxAge - minAge + 1)) * 365.25);

  for (const property of properties) {
    if (!property.residential) continue;
    const fixed = fixtures.get(property.uprn);
    if (!fixed && !rng.chance(OCCUPANCY)) continue;
    const household: Household = { index: households.length, property, type: 'fixture', members: [], tier: 0, weight: 1, episodeStart: asOfDay - 90 };
    households.push(household);

    if (fixed) {
      for (const f of fixed) people.push(addFixturePerson(household, f));
    } else {
      household.type = rng.weighted(property.flat ? FLAT_TYPES : HOUSE_TYPES);
      const origin = rng.weighted(ORIGIN_SHARES);
      const add = (sex: Sex, dobDay: number, family: string, altFamily = ''): Person => {
        const entry = names.given(rng, origin, sex, Number(isoOf(dobDay).slice(0, 4)));
        const person: Person = {
          id: `P${String(nextId++).padStart(7, '0')}`, given: entry.name, givenEntry: entry, family, altFamily,
          dob: isoOf(dobDay), dobDay, sex, nhsNumber: nhs.next(), household,
        };
        household.members.push(person);
        people.push(person);
        return person;
      };
      const anySex = (): Sex => (rng.chance(0.5) ? 'M' : 'F');
      const children = (count: number, youngestParentDob: number, family: () => [string, string]) => {
        // Children born when the younger parent was 18 or more.
        const maxAge = Math.min(17, ageOn(youngestParentDob, asOfDay) - 18);
        for (let i = 0; i < count && maxAge >= 0; i++) {
          const [f, alt] = family();
          add(anySex(), birthDay(0, maxAge), f, alt);
        }
      };
      const couple = (minAge: number, maxAge: number): [Person, Person] => {
        const family = names.family(rng, origin);
        const first = add(rng.chance(0.97) ? 'M' : 'F', birthDay(minAge, maxAge), family);
        const partnerSex: Sex = first.sex === 'M' ? 'F' : rng.chance(0.5) ? 'F' : 'M';
        const partnerDob = Math.min(asOfDay - 18 * 366, first.dobDay + Math.round(rng.normal() * 4 * 365));
        // Most partners share a family name (then a maiden name lingers in older records).
        const shared = rng.chance(0.75);
        const second = shared
          ? add(partnerSex, partnerDob, family, rng.chance(0.6) ? names.family(rng, origin) : '')
          : add(partnerSex, partnerDob, names.family(rng, origin));
        return [first, second];
      };
      const kidsCount = () => rng.weighted({ 1: 35, 2: 40, 3: 18, 4: 7 });

      switch (household.type) {
        case 'single-young': add(anySex(), birthDay(18, 34), names.family(rng, origin)); break;
        case 'single-mid': add(anySex(), birthDay(35, 64), names.family(rng, origin)); break;
        case 'single-old': add(rng.chance(0.62) ? 'F' : 'M', birthDay(65, 97), names.family(rng, origin)); break;
        case 'couple': couple(22, 64); break;
        case 'couple-old': couple(65, 92); break;
        case 'couple-kids': {
          const [a, b] = couple(24, 52);
          const hyphen = a.family !== b.family && rng.chance(0.3);
          children(Number(kidsCount()), Math.max(a.dobDay, b.dobDay), () =>
            hyphen ? [`${a.family}-${b.family}`, a.family] : [a.family, ''],
          );
          break;
        }
        case 'lone-parent': {
          const parent = add(rng.chance(0.88) ? 'F' : 'M', birthDay(19, 50), names.family(rng, origin));
          const otherFamily = names.family(rng, origin);
          children(Number(rng.weighted({ 1: 50, 2: 35, 3: 15 })), parent.dobDay, () =>
            // Some children carry the absent parent's name.
            rng.chance(0.3) ? [otherFamily, parent.family] : [parent.family, ''],
          );
          break;
        }
        case 'sharers': {
          const n = rng.between(2, 5);
          for (let i = 0; i < n; i++) add(anySex(), birthDay(18, 40), names.family(rng, origin));
          break;
        }
        case 'multi-gen': {
          const [a, b] = couple(44, 70);
          const adultKids = rng.between(1, 3);
          for (let i = 0; i < adultKids; i++) {
            const maxAge = Math.min(35, ageOn(Math.max(a.dobDay, b.dobDay), asOfDay) - 18);
            if (maxAge >= 18) add(anySex(), birthDay(18, maxAge), a.family);
          }
          if (rng.chance(0.2)) add(rng.chance(0.7) ? 'F' : 'M', birthDay(78, 96), names.family(rng, origin));
          break;
        }
      }
    }

    // Demand: a heavy tail. Troubled households weigh ~40 times an ordinary one.
    const troubled = TROUBLED_CHANCE[household.type] ?? 0.01;
    const r = rng.next();
    household.tier = r < troubled ? 2 : r < troubled + 0.1 ? 1 : 0;
    household.weight = (household.tier === 2 ? 40 : household.tier === 1 ? 4 : 1) * Math.exp(0.6 * rng.normal());
    household.episodeStart = asOfDay - rng.between(91, 364);
    if (QUIET_UPRNS.has(property.uprn)) household.weight = 0;
  }
  return { households, people };
}

function addFixturePerson(household: Household, f: FixturePerson): Person {
  const person: Person = {
    id: f.id, given: f.givenName, givenEntry: GIVEN_BY_NAME.get(`${f.sex}:${f.givenName}`) ?? null,
    family: f.familyName, altFamily: '', dob: f.dateOfBirth, dobDay: dayOf(f.dateOfBirth), sex: f.sex,
    nhsNumber: f.nhsNumber, household,
  };
  household.members.push(person);
  return person;
}
