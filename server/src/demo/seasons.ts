// The shape of a year of demand, as a board member would recognise it: police violence and
// antisocial behaviour up in summer, NHS falls and medical admissions up in winter, accidental
// dwelling fires and false alarms up around November and December, children's referrals down in
// the school holidays, and demand growing slowly year on year. Pure functions of the day, so the
// generator stays a function of its seed.
import type { FeedId } from '@mast/shared';

/** Demand grows this much a year: the oldest year of a 36-month history is about 8% quieter. */
export const GROWTH_PER_YEAR = 1.04;

/** No seasonal weight exceeds this (the thinning in activity.ts and history.ts divides by it). */
export const MAX_SEASONAL_WEIGHT = 1.6;

const DAY_MS = 86_400_000;

/** 0 = the middle of January ... 11 = the middle of December, fractional. */
function monthOf(day: number): number {
  const d = new Date(day * DAY_MS);
  return d.getUTCMonth() + (d.getUTCDate() - 0.5) / 31;
}

/** A yearly wave peaking at `peak` (a monthOf value) with amplitude `a`. */
const wave = (m: number, peak: number, a: number) => 1 + a * Math.cos((2 * Math.PI * (m - peak)) / 12);

/** Children are referred mostly by schools: fewer in the summer holidays and over Christmas. */
function schoolTerm(day: number): number {
  const d = new Date(day * DAY_MS);
  const [month, date] = [d.getUTCMonth(), d.getUTCDate()];
  if (month === 7 || (month === 6 && date >= 22) || (month === 8 && date <= 3)) return 0.6;
  if ((month === 11 && date >= 20) || (month === 0 && date <= 4)) return 0.7;
  return 1.05;
}

/** The relative demand for `category` of `feed` on `day` (about 1 on average over a year). */
export function seasonalWeight(feed: FeedId, category: string, day: number): number {
  const m = monthOf(day);
  switch (feed) {
    case 'police':
      if (category === 'antisocial-behaviour') return wave(m, 6.5, 0.35);
      if (category === 'violence') return wave(m, 6.5, 0.25);
      if (category === 'domestic-abuse') return wave(m, 6.5, 0.12);
      if (category === 'burglary') return wave(m, 11, 0.2);
      if (category === 'child-concern') return schoolTerm(day);
      return 1;
    case 'nhs':
      if (category === 'fall') return wave(m, 0.5, 0.35);
      if (category === 'medical') return wave(m, 0.5, 0.2);
      if (category === 'did-not-attend') return wave(m, 0.5, 0.1);
      if (category === 'alcohol') return m >= 11 ? 1.5 : 0.95;
      if (category === 'assault' || category === 'injury') return wave(m, 6.5, 0.15);
      return 1;
    case 'fire':
      if (category === 'accidental-dwelling-fire') return wave(m, 11.5, 0.35);
      if (category === 'false-alarm') return wave(m, 11.5, 0.3);
      if (category === 'smoke-alarm-activation') return wave(m, 11.5, 0.25);
      if (category === 'deliberate-fire') return wave(m, 4, 0.35);
      if (category === 'home-fire-safety-visit') return wave(m, 10, 0.15);
      return 1;
    case 'council-adults':
      return wave(m, 0.5, 0.15);
    case 'council-children':
      return schoolTerm(day);
  }
}

/** Demand on `day` relative to `asOfDay`'s: below 1 in the past. */
export function growth(day: number, asOfDay: number): number {
  return Math.pow(GROWTH_PER_YEAR, (day - asOfDay) / 365.25);
}
