// A year of partner activity: who each contact was about, where, when and in which category.
// Households are drawn by demand weight (a heavy tail), troubled households have most of their
// contacts bunched in a 13-week crisis, and each category goes to a plausible member (falls to
// older people, child concerns to children). Snapshot feeds get open cases instead of contacts.
import type { FeedId } from '@mast/shared';
import { ageOn, dayOf } from './dates.ts';
import type { Household, Person, Population } from './people.ts';
import { Rng, WeightedSampler } from './prng.ts';

/** Volumes at scale 1 (a year, or open cases on the day). */
export const VOLUMES = {
  police: 45_000,
  nhsAttended: 80_000,
  nhsDidNotAttend: 15_000,
  fire: 3_000,
  children: 2_500,
  adults: 4_000,
} as const;
const MINIMUM = { police: 20, nhsAttended: 30, nhsDidNotAttend: 8, fire: 8, children: 8, adults: 8 } as const;

export interface ActivityEvent {
  feed: FeedId;
  /** Contact date, or opened_on for an open case. */
  day: number;
  category: string;
  attendance?: 'attended' | 'did-not-attend';
  household: Household;
  /** Null when the row names nobody (police and fire only). */
  person: Person | null;
}

type Table = Record<string, number>;
const POLICE: Table = { 'antisocial-behaviour': 24, burglary: 14, violence: 12, 'concern-for-welfare': 14, 'domestic-abuse': 14, 'mental-health': 7, drugs: 6, 'missing-person': 4, 'child-concern': 5 };
const POLICE_TROUBLED: Table = { 'domestic-abuse': 24, 'concern-for-welfare': 20, 'mental-health': 12, 'antisocial-behaviour': 12, violence: 10, 'missing-person': 8, 'child-concern': 8, drugs: 6, burglary: 2 };
const NHS: Table = { medical: 32, injury: 26, fall: 12, alcohol: 6, assault: 5, 'mental-health': 6, 'self-harm': 6, overdose: 3 };
const NHS_TROUBLED: Table = { alcohol: 18, 'self-harm': 16, overdose: 12, 'mental-health': 14, assault: 12, injury: 14, medical: 8, fall: 6 };
const FIRE: Table = { 'home-fire-safety-visit': 35, 'false-alarm': 15, 'smoke-alarm-activation': 15, 'accidental-dwelling-fire': 12, 'assist-person': 8, 'gaining-entry': 7, hoarding: 3, 'deliberate-fire': 3 };
const FIRE_TROUBLED: Table = { hoarding: 12, 'accidental-dwelling-fire': 18, 'deliberate-fire': 10, 'home-fire-safety-visit': 25, 'smoke-alarm-activation': 15, 'gaining-entry': 10, 'assist-person': 10 };
const CHILDREN: Table = { 'child-in-need': 38, 'child-protection': 18, 'early-help': 24, 'looked-after': 12, 'youth-justice': 8 };
const ADULTS_OLDER: Table = { 'older-person-frailty': 40, 'physical-disability': 15, 'carer-support': 10, 'self-neglect': 10, 'safeguarding-enquiry': 10, 'mental-health': 8, 'domestic-abuse': 3, 'substance-misuse': 2, 'learning-disability': 2 };
const ADULTS_WORKING_AGE: Table = { 'mental-health': 25, 'learning-disability': 18, 'physical-disability': 16, 'substance-misuse': 12, 'carer-support': 8, 'safeguarding-enquiry': 8, 'domestic-abuse': 7, 'self-neglect': 6 };

/** Who a category can be about: [min age, max age], and an age band to prefer when present. */
const ELIGIBLE: Record<string, { min: number; max: number; prefer?: [number, number] }> = {
  'domestic-abuse': { min: 16, max: 110, prefer: [18, 55] },
  'child-concern': { min: 0, max: 17 },
  'missing-person': { min: 11, max: 110, prefer: [12, 25] },
  burglary: { min: 18, max: 110 },
  fall: { min: 0, max: 110, prefer: [65, 110] },
  'self-harm': { min: 11, max: 70, prefer: [13, 35] },
  overdose: { min: 13, max: 90 },
  alcohol: { min: 14, max: 100 },
  assault: { min: 14, max: 90 },
  'mental-health': { min: 11, max: 110 },
  hoarding: { min: 18, max: 110, prefer: [60, 110] },
  'assist-person': { min: 18, max: 110, prefer: [70, 110] },
  'home-fire-safety-visit': { min: 18, max: 110, prefer: [65, 110] },
};
const ANYONE_POLICE = { min: 12, max: 110 };
const ADULT = { min: 18, max: 110 };
const ANYONE = { min: 0, max: 110 };

export interface ActivityOptions {
  seed: number;
  scale: number;
  asOf: string;
  /** Rows the fixtures already contribute, subtracted so totals stay on target. */
  fixtureCounts: Partial<Record<keyof typeof VOLUMES, number>>;
  /** Exact row counts that replace the scaled volumes (a million police rows for bench:ingest). */
  volumes?: Partial<Record<keyof typeof VOLUMES, number>>;
}

export function target(kind: keyof typeof VOLUMES, scale: number, fixtures = 0): number {
  return Math.max(MINIMUM[kind], Math.round(VOLUMES[kind] * scale) - fixtures);
}

export function generateActivity(pop: Population, opts: ActivityOptions): ActivityEvent[] {
  const asOfDay = dayOf(opts.asOf);
  const events: ActivityEvent[] = [];
  const hh = pop.households;
  const t = (k: keyof typeof VOLUMES) => {
    const exact = opts.volumes?.[k];
    return exact !== undefined ? Math.max(0, exact - (opts.fixtureCounts[k] ?? 0)) : target(k, opts.scale, opts.fixtureCounts[k] ?? 0);
  };
  const oldest = (h: Household) => Math.max(...h.members.map((p) => ageOn(p.dobDay, asOfDay)));

  const pickPerson = (rng: Rng, h: Household, rule: { min: number; max: number; prefer?: [number, number] }, day: number): Person | null => {
    const fits = h.members.filter((p) => {
      const age = ageOn(p.dobDay, day);
      return p.dobDay <= day && age >= rule.min && age <= rule.max;
    });
    if (fits.length === 0) return null;
    if (rule.prefer && rng.chance(0.75)) {
      const [lo, hi] = rule.prefer;
      const preferred = fits.filter((p) => ageOn(p.dobDay, day) >= lo && ageOn(p.dobDay, day) <= hi);
      if (preferred.length > 0) return rng.pick(preferred);
    }
    return rng.pick(fits);
  };

  // Troubled households have most contacts inside their 13-week crisis; everyone else, any day.
  const dayFor = (rng: Rng, h: Household) =>
    h.tier === 2 && rng.chance(0.55) ? Math.min(asOfDay, h.episodeStart + rng.int(91)) : asOfDay - rng.int(365);

  const incremental = (count: number, alpha: number, extra: (h: Household) => number, draw: (rng: Rng, h: Household, day: number) => ActivityEvent | null, stream: string) => {
    const rng = new Rng(opts.seed, stream);
    const sampler = new WeightedSampler(hh.map((h) => Math.pow(h.weight, alpha) * extra(h)));
    let made = 0;
    for (let guard = 0; made < count && guard < count * 20; guard++) {
      const i = sampler.draw(rng);
      if (i < 0) break;
      const h = hh[i]!;
      const e = draw(rng, h, dayFor(rng, h));
      if (e) {
        events.push(e);
        made++;
      }
    }
  };

  incremental(t('police'), 1, () => 1, (rng, h, day) => {
    let category = rng.weighted(h.tier === 2 ? POLICE_TROUBLED : POLICE);
    let person: Person | null = null;
    if (rng.chance(0.6)) {
      person = pickPerson(rng, h, ELIGIBLE[category] ?? ANYONE_POLICE, day);
      if (!person) {
        category = 'concern-for-welfare';
        person = pickPerson(rng, h, ANYONE_POLICE, day);
      }
    } else if (category === 'child-concern' && !h.members.some((p) => ageOn(p.dobDay, day) < 18 && p.dobDay <= day)) {
      category = 'concern-for-welfare';
    }
    return { feed: 'police', day, category, household: h, person };
  }, 'police');

  incremental(t('nhsAttended'), 0.75, () => 1, (rng, h, day) => {
    let category = rng.weighted(h.tier === 2 ? NHS_TROUBLED : NHS);
    let person = pickPerson(rng, h, ELIGIBLE[category] ?? ANYONE, day);
    if (!person) {
      category = 'medical';
      person = pickPerson(rng, h, ANYONE, day);
    }
    return person ? { feed: 'nhs', day, category, attendance: 'attended', household: h, person } : null;
  }, 'nhs-attended');

  incremental(t('nhsDidNotAttend'), 0.9, () => 1, (rng, h, day) => {
    const person = pickPerson(rng, h, ANYONE, day);
    return person ? { feed: 'nhs', day, category: 'did-not-attend', attendance: 'did-not-attend', household: h, person } : null;
  }, 'nhs-dna');

  incremental(t('fire'), 0.5, (h) => (oldest(h) >= 65 ? 2 : 1), (rng, h, day) => {
    const category = rng.weighted(h.tier === 2 ? FIRE_TROUBLED : FIRE);
    const person = rng.chance(0.6) ? pickPerson(rng, h, ELIGIBLE[category] ?? ADULT, day) : null;
    return { feed: 'fire', day, category, household: h, person };
  }, 'fire');

  // Open children's cases: children only, often a sibling group opened together.
  {
    const rng = new Rng(opts.seed, 'children');
    const isChild = (p: Person) => ageOn(p.dobDay, asOfDay) < 18;
    const sampler = new WeightedSampler(hh.map((h) => (h.members.some(isChild) ? h.weight : 0)));
    const open = new Set<Person>();
    const count = t('children');
    let made = 0;
    for (let guard = 0; made < count && guard < count * 50; guard++) {
      const i = sampler.draw(rng);
      if (i < 0) break;
      const h = hh[i]!;
      const kids = h.members.filter((p) => isChild(p) && !open.has(p));
      if (kids.length === 0) continue;
      const first = rng.pick(kids);
      const group = rng.chance(0.6) ? kids : [first];
      let category = rng.weighted(CHILDREN);
      const opened = openedOn(rng, asOfDay, category === 'looked-after' ? 700 : 250);
      for (const child of group) {
        if (made >= count) break;
        const age = ageOn(child.dobDay, asOfDay);
        if (category === 'youth-justice' && age < 10) category = 'child-in-need';
        const day = Math.max(opened, child.dobDay);
        events.push({ feed: 'council-children', day, category, household: h, person: child });
        open.add(child);
        made++;
      }
    }
  }

  // Open adults' cases: adults only, older people most often.
  {
    const rng = new Rng(opts.seed, 'adults');
    const sampler = new WeightedSampler(hh.map((h) => Math.pow(h.weight, 0.6) * (oldest(h) >= 65 ? 3 : 1)));
    const open = new Set<Person>();
    const count = t('adults');
    let made = 0;
    for (let guard = 0; made < count && guard < count * 50; guard++) {
      const i = sampler.draw(rng);
      if (i < 0) break;
      const h = hh[i]!;
      const adults = h.members.filter((p) => ageOn(p.dobDay, asOfDay) >= 18 && !open.has(p));
      if (adults.length === 0) continue;
      const older = adults.filter((p) => ageOn(p.dobDay, asOfDay) >= 65);
      const person = older.length > 0 && rng.chance(0.75) ? rng.pick(older) : rng.pick(adults);
      const category = rng.weighted(ageOn(person.dobDay, asOfDay) >= 65 ? ADULTS_OLDER : ADULTS_WORKING_AGE);
      // Never opened before the person turned 18.
      const adultFrom = person.dobDay + Math.ceil(18 * 365.25);
      const day = Math.max(openedOn(rng, asOfDay, 400), adultFrom);
      events.push({ feed: 'council-adults', day, category, household: h, person });
      open.add(person);
      made++;
    }
  }
  return events;
}

/** An open case's start: mostly recent, a long tail back to about six years. */
function openedOn(rng: Rng, asOfDay: number, meanDays: number): number {
  const days = Math.floor(rng.exponential(meanDays));
  return asOfDay - (days <= 6 * 365 ? days : rng.int(6 * 365));
}
