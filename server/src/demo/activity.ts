// A year of partner activity: who each contact was about, where, when and in which category.
// Households are drawn by demand weight (a heavy tail), troubled households have most of their
// contacts bunched in a 13-week crisis, and each category goes to a plausible member (falls to
// older people, child concerns to children). Snapshot feeds get open cases instead of contacts.
// Contacts on ordinary days follow the seasons (seasons.ts): each is drawn as before, then its day
// moved by a stream of its own, so the people, categories and counts are those of a flat year.
import type { FeedId } from '@mast/shared';
import { ageOn, dayOf } from './dates.ts';
import type { Household, Person, Population } from './people.ts';
import { Rng, WeightedSampler } from './prng.ts';
import { growth, MAX_SEASONAL_WEIGHT, seasonalWeight } from './seasons.ts';

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

export type Table = Record<string, number>;
export const POLICE: Table = { 'antisocial-behaviour': 24, burglary: 14, violence: 12, 'concern-for-welfare': 14, 'domestic-abuse': 14, 'mental-health': 7, drugs: 6, 'missing-person': 4, 'child-concern': 5 };
export const POLICE_TROUBLED: Table = { 'domestic-abuse': 24, 'concern-for-welfare': 20, 'mental-health': 12, 'antisocial-behaviour': 12, violence: 10, 'missing-person': 8, 'child-concern': 8, drugs: 6, burglary: 2 };
export const NHS: Table = { medical: 32, injury: 26, fall: 12, alcohol: 6, assault: 5, 'mental-health': 6, 'self-harm': 6, overdose: 3 };
export const NHS_TROUBLED: Table = { alcohol: 18, 'self-harm': 16, overdose: 12, 'mental-health': 14, assault: 12, injury: 14, medical: 8, fall: 6 };
export const FIRE: Table = { 'home-fire-safety-visit': 35, 'false-alarm': 15, 'smoke-alarm-activation': 15, 'accidental-dwelling-fire': 12, 'assist-person': 8, 'gaining-entry': 7, hoarding: 3, 'deliberate-fire': 3 };
export const FIRE_TROUBLED: Table = { hoarding: 12, 'accidental-dwelling-fire': 18, 'deliberate-fire': 10, 'home-fire-safety-visit': 25, 'smoke-alarm-activation': 15, 'gaining-entry': 10, 'assist-person': 10 };
export const CHILDREN: Table = { 'child-in-need': 38, 'child-protection': 18, 'early-help': 24, 'looked-after': 12, 'youth-justice': 8 };
export const ADULTS_OLDER: Table = { 'older-person-frailty': 40, 'physical-disability': 15, 'carer-support': 10, 'self-neglect': 10, 'safeguarding-enquiry': 10, 'mental-health': 8, 'domestic-abuse': 3, 'substance-misuse': 2, 'learning-disability': 2 };
export const ADULTS_WORKING_AGE: Table = { 'mental-health': 25, 'learning-disability': 18, 'physical-disability': 16, 'substance-misuse': 12, 'carer-support': 8, 'safeguarding-enquiry': 8, 'domestic-abuse': 7, 'self-neglect': 6 };

/** Who a category can be about: [min age, max age], and an age band to prefer when present. */
export const ELIGIBLE: Record<string, { min: number; max: number; prefer?: [number, number] }> = {
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
export const ANYONE_POLICE = { min: 12, max: 110 };
export const ADULT = { min: 18, max: 110 };
export const ANYONE = { min: 0, max: 110 };

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

export type ContactKind = 'police' | 'nhsAttended' | 'nhsDidNotAttend' | 'fire';
export const CONTACT_KINDS: readonly ContactKind[] = ['police', 'nhsAttended', 'nhsDidNotAttend', 'fire'];

/**
 * How each kind of one-off contact is drawn: households by weight^alpha * extra, then a category
 * and a person fit for it on the day (null: draw again). The history (history.ts) draws the same way.
 */
export const CONTACTS: Record<ContactKind, {
  stream: string;
  alpha: number;
  extra: (h: Household, oldest: (h: Household) => number) => number;
  draw: (rng: Rng, h: Household, day: number) => ActivityEvent | null;
}> = {
  police: {
    stream: 'police',
    alpha: 1,
    extra: () => 1,
    draw: (rng, h, day) => {
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
    },
  },
  nhsAttended: {
    stream: 'nhs-attended',
    alpha: 0.75,
    extra: () => 1,
    draw: (rng, h, day) => {
      let category = rng.weighted(h.tier === 2 ? NHS_TROUBLED : NHS);
      let person = pickPerson(rng, h, ELIGIBLE[category] ?? ANYONE, day);
      if (!person) {
        category = 'medical';
        person = pickPerson(rng, h, ANYONE, day);
      }
      return person ? { feed: 'nhs', day, category, attendance: 'attended', household: h, person } : null;
    },
  },
  nhsDidNotAttend: {
    stream: 'nhs-dna',
    alpha: 0.9,
    extra: () => 1,
    draw: (rng, h, day) => {
      const person = pickPerson(rng, h, ANYONE, day);
      return person ? { feed: 'nhs', day, category: 'did-not-attend', attendance: 'did-not-attend', household: h, person } : null;
    },
  },
  fire: {
    stream: 'fire',
    alpha: 0.5,
    extra: (h, oldest) => (oldest(h) >= 65 ? 2 : 1),
    draw: (rng, h, day) => {
      const category = rng.weighted(h.tier === 2 ? FIRE_TROUBLED : FIRE);
      const person = rng.chance(0.6) ? pickPerson(rng, h, ELIGIBLE[category] ?? ADULT, day) : null;
      return { feed: 'fire', day, category, household: h, person };
    },
  },
};

export function generateActivity(pop: Population, opts: ActivityOptions): ActivityEvent[] {
  const asOfDay = dayOf(opts.asOf);
  const events: ActivityEvent[] = [];
  const hh = pop.households;
  const t = (k: keyof typeof VOLUMES) => {
    const exact = opts.volumes?.[k];
    return exact !== undefined ? Math.max(0, exact - (opts.fixtureCounts[k] ?? 0)) : target(k, opts.scale, opts.fixtureCounts[k] ?? 0);
  };
  const oldest = (h: Household, day: number) => Math.max(...h.members.map((p) => ageOn(p.dobDay, day)));

  // Troubled households have most contacts inside their 13-week crisis; everyone else, any day
  // (an ordinary day, moved to its season once the contact is drawn).
  const dayFor = (rng: Rng, h: Household): { day: number; ordinary: boolean } =>
    h.tier === 2 && rng.chance(0.55) ? { day: Math.min(asOfDay, h.episodeStart + rng.int(91)), ordinary: false } : { day: asOfDay - rng.int(365), ordinary: true };

  const incremental = (count: number, alpha: number, extra: (h: Household) => number, draw: (rng: Rng, h: Household, day: number) => ActivityEvent | null, stream: string) => {
    const rng = new Rng(opts.seed, stream);
    const seasons = new Rng(opts.seed, `${stream}-seasons`);
    const sampler = new WeightedSampler(hh.map((h) => Math.pow(h.weight, alpha) * extra(h)));
    let made = 0;
    for (let guard = 0; made < count && guard < count * 20; guard++) {
      const i = sampler.draw(rng);
      if (i < 0) break;
      const h = hh[i]!;
      const drawn = dayFor(rng, h);
      const e = draw(rng, h, drawn.day);
      if (e) {
        if (drawn.ordinary) e.day = seasonalDay(seasons, e, asOfDay - 364, 365, asOfDay);
        events.push(e);
        made++;
      }
    }
  };

  const oldestNow = (h: Household) => oldest(h, asOfDay);
  for (const kind of CONTACT_KINDS) {
    const c = CONTACTS[kind];
    incremental(t(kind), c.alpha, (h) => c.extra(h, oldestNow), c.draw, c.stream);
  }

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
    const sampler = new WeightedSampler(hh.map((h) => Math.pow(h.weight, 0.6) * (oldest(h, asOfDay) >= 65 ? 3 : 1)));
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

/** One of `rule`'s people in `h` on `day` (born by then, of an eligible age), preferring its age band. */
export function pickPerson(rng: Rng, h: Household, rule: { min: number; max: number; prefer?: [number, number] }, day: number): Person | null {
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
}

/**
 * A day for `e` in [from, from + days) that follows its category's season and the growth in
 * demand (thinning: a uniform day is kept with probability weight / maximum). Its own day is kept
 * when the move would change the person's age (their eligibility was decided on it).
 */
export function seasonalDay(rng: Rng, e: ActivityEvent, from: number, days: number, asOfDay: number): number {
  let day = e.day;
  for (let tries = 0; tries < 200; tries++) {
    if (rng.next() * MAX_SEASONAL_WEIGHT <= seasonalWeight(e.feed, e.category, day) * growth(day, asOfDay)) break;
    day = from + rng.int(days);
  }
  const p = e.person;
  if (p && (p.dobDay > day || ageOn(p.dobDay, day) !== ageOn(p.dobDay, e.day))) return e.day;
  return day;
}

/** An open case's start: mostly recent, a long tail back to about six years. */
function openedOn(rng: Rng, asOfDay: number, meanDays: number): number {
  const days = Math.floor(rng.exponential(meanDays));
  return asOfDay - (days <= 6 * 365 ? days : rng.int(6 * 365));
}
