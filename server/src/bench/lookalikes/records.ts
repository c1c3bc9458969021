// Records as partner feeds send them, written from the look-alike people: which feeds know a
// person, what each feed fills in, and the errors people make typing it (a nickname, day and
// month swapped, a date of birth left out, names in the wrong fields, a typo, an old address or
// an old family name). Each record says which hard cases it belongs to.
import { misspell } from '../../demo/errors.ts';
import type { Rng } from '../../demo/prng.ts';
import type { Case, Dob, Person } from './population.ts';
import { typedAddress } from './places.ts';

export const LOOKALIKE_COLUMNS = [
  'record_id', 'source', 'given_name', 'family_name', 'date_of_birth', 'sex', 'nhs_number', 'postcode', 'address', 'true_person_id', 'case',
] as const;

export type LookalikeRow = Record<(typeof LOOKALIKE_COLUMNS)[number], string>;

/** Feeds, and the share of their records that carry an NHS number. */
const SOURCES = { health: 0.95, council: 0.4, 'social-care': 0.6, police: 0, education: 0, housing: 0 } as const;
type Source = keyof typeof SOURCES;

/** Error rates per record: most records are clean. */
export const RATES = {
  nickname: 0.1,
  swappedDob: 0.04,
  missingDob: 0.04,
  wrongFields: 0.03,
  typoGiven: 0.03,
  typoFamily: 0.03,
  typoDob: 0.02,
  typoPostcode: 0.02,
  noSex: 0.1,
  /** Of a mover's records, the share still at the old address. */
  oldAddress: 0.4,
  /** Of a married woman's records, the share under her maiden name, and as a double barrel. */
  maiden: 0.35,
  doubleBarrel: 0.15,
  /** Of a namesake's records, the share that carry the suffix. */
  suffix: 0.5,
};

/** How many records a person has: one to five, two on average; hard cases at least two. */
function recordCount(rng: Rng, p: Person): number {
  const n = rng.weighted({ 1: 30, 2: 35, 3: 20, 4: 10, 5: 5 });
  const least = p.cases.size > 0 ? 2 : 1;
  return Math.max(least, Number(n));
}

function sourceFor(rng: Rng, p: Person): Source {
  const child = p.dob.y >= 2008;
  return child ? rng.weighted({ health: 3, education: 3, 'social-care': 2, police: 1 }) : rng.weighted({ health: 3, council: 3, police: 2, housing: 2, 'social-care': 1 });
}

const iso = (d: Dob) => `${d.y}-${String(d.m).padStart(2, '0')}-${String(d.d).padStart(2, '0')}`;

function oneDigitOff(rng: Rng, d: Dob): Dob {
  for (;;) {
    const which = rng.int(3);
    const out = { ...d };
    if (which === 0) out.d = ((d.d + rng.between(1, 8) - 1) % 28) + 1;
    else if (which === 1) out.y = d.y + (rng.chance(0.5) ? 1 : -1);
    else out.m = ((d.m + rng.between(0, 10)) % 12) + 1;
    if (out.d !== d.d || out.m !== d.m || out.y !== d.y) return out;
  }
}

/** Every record of one person, with the errors drawn for each. */
export function recordsOf(rng: Rng, p: Person): Omit<LookalikeRow, 'record_id'>[] {
  const n = recordCount(rng, p);
  const out: Omit<LookalikeRow, 'record_id'>[] = [];
  for (let k = 0; k < n; k++) {
    const cases = new Set<Case>([...p.cases].filter((c) => c === 'twins' || c === 'namesake' || c === 'common-name' || c === 'married' || c === 'moved'));
    const source = sourceFor(rng, p);
    let given = p.given.name;
    let family = p.family;
    // A mover's or a married woman's first record is from before; later ones from either time.
    const before = k === 0 || rng.chance(RATES.oldAddress);
    const home = p.previous && before && (k === 0 || k < n - 1) ? p.previous : p.home;
    if (p.maiden) {
      const r = k === 0 ? 0 : k === n - 1 ? 1 : rng.next();
      if (r < RATES.maiden) family = p.maiden;
      else if (r < RATES.maiden + RATES.doubleBarrel) family = `${p.maiden}-${p.family}`;
    }
    if (p.given.variants.length > 0 && rng.chance(RATES.nickname)) {
      given = rng.pick(p.given.variants);
      cases.add('nickname');
    }
    if (rng.chance(RATES.typoGiven)) {
      const typo = misspell(rng, given);
      if (typo !== given) (given = typo), cases.add('typo');
    }
    if (rng.chance(RATES.typoFamily)) {
      const typo = misspell(rng, family);
      if (typo !== family) (family = typo), cases.add('typo');
    }
    if (p.suffix && rng.chance(RATES.suffix)) {
      const word = p.suffix === 'junior' ? rng.pick(['Jr', 'Jnr', 'Junior']) : rng.pick(['Sr', 'Snr', 'Senior']);
      if (rng.chance(0.6)) family = `${family} ${word}`;
      else given = `${given} ${word}`;
    }
    let dob = iso(p.dob);
    if (rng.chance(RATES.missingDob)) {
      // The feed contracts require a date of birth; a system that lacks one sends the field empty.
      dob = '';
      cases.add('missing-dob');
    } else if (p.dob.d <= 12 && p.dob.d !== p.dob.m && rng.chance(RATES.swappedDob)) {
      dob = iso({ y: p.dob.y, m: p.dob.d, d: p.dob.m });
      cases.add('swapped-dob');
    } else if (rng.chance(RATES.typoDob)) {
      dob = iso(oneDigitOff(rng, p.dob));
      cases.add('typo');
    }
    if (rng.chance(RATES.wrongFields)) {
      [given, family] = [family, given];
      cases.add('wrong-fields');
    }
    let postcode = home.postcode;
    if (rng.chance(RATES.typoPostcode)) {
      const i = rng.pick([postcode.length - 1, postcode.length - 2]);
      postcode = postcode.slice(0, i) + rng.pick([...'ABDEFGHJLNPQRSTUWXYZ'].filter((c) => c !== postcode[i])) + postcode.slice(i + 1);
      cases.add('typo');
    }
    const sex = rng.chance(RATES.noSex) ? '' : rng.chance(0.8) ? p.sex : p.sex === 'M' ? 'Male' : 'Female';
    out.push({
      source,
      given_name: given,
      family_name: family,
      date_of_birth: dob,
      sex,
      nhs_number: rng.chance(SOURCES[source]) ? p.nhsNumber : '',
      postcode,
      address: typedAddress(rng, home),
      true_person_id: p.id,
      case: [...cases].sort().join('+'),
    });
  }
  return out;
}
