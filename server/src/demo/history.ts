// The months before the live year: what the partners' contacts and the alerts on them were, for
// the trend reports of a demo that has been running for years. Feed ingest refuses rows older
// than 12 months, so these never become feed files: the demo loader writes them straight into the
// pseudonymised trend copy, as retention would have left them. Drawn as the live year is
// (activity.ts), from streams of their own, with the seasons, a slow growth in demand, troubled
// households' crises, and social care cases that opened and closed within the history.
import { ALERT_CLOSE_REASONS, type FeedId } from '@mast/shared';
import {
  ADULTS_OLDER,
  ADULTS_WORKING_AGE,
  CHILDREN,
  CONTACT_KINDS,
  CONTACTS,
  target,
  type ActivityEvent,
} from './activity.ts';
import { ageOn, dayOf, isoOf } from './dates.ts';
import type { Household, Person, Population } from './people.ts';
import { Rng, WeightedSampler } from './prng.ts';
import { growth, MAX_SEASONAL_WEIGHT, seasonalWeight } from './seasons.ts';

export const MIN_MONTHS = 12;
export const MAX_MONTHS = 36;

/** A contact, or a social care case that opened and closed, before the live year. */
export interface HistoryInvolvement {
  feed: FeedId;
  category: string;
  attendance?: 'attended' | 'did-not-attend';
  /** The contact's day, or the case's opening day. */
  day: number;
  /** The case's closing day, else the contact's. */
  lastDay: number;
  household: Household;
  person: Person | null;
}

/** An alert the shipped rules would have raised on the history, and what the lead team did. */
export interface HistoryAlert {
  rule: string;
  subjectKind: 'address' | 'person';
  leadFeed: FeedId;
  agencies: FeedId[];
  raisedDay: number;
  /** The newest contact the evidence counted. */
  latestDay: number;
  hoursToAcknowledge: number | null;
  closedDay: number | null;
  closedReason: string | null;
  household: Household;
  person: Person | null;
}

export interface History {
  /** First and last day the history covers (inclusive); from > to when there is none. */
  from: number;
  to: number;
  involvements: HistoryInvolvement[];
  alerts: HistoryAlert[];
}

export function checkMonths(months: number): void {
  if (!Number.isInteger(months) || months < MIN_MONTHS || months > MAX_MONTHS) {
    throw new Error(`months must be a whole number from ${MIN_MONTHS} to ${MAX_MONTHS} (the live year, plus up to 24 months of trend history)`);
  }
}

/** The first day of the month `delta` months from the month of `day`. */
function monthStart(day: number, delta: number): number {
  const d = new Date(day * 86_400_000);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + delta, 1) / 86_400_000;
}

/** `asOf` minus `months` calendar months, the last day of the month when it has no such day (as PostgreSQL's interval does). */
function monthsBefore(asOf: string, months: number): number {
  const [y, m, d] = asOf.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y, m - 1 - months + 1, 0)).getUTCDate();
  return Date.UTC(y, m - 1 - months, Math.min(d, last)) / 86_400_000;
}

/**
 * The days of the history: from the first whole month that retention's 36-month rule (counted
 * from `months`) keeps, to the day before the live year's cut-off (asOf minus 12 months).
 */
export function historyWindow(asOf: string, months: number): { from: number; to: number } {
  const start = monthsBefore(asOf, months);
  const from = monthStart(start, 0) === start ? start : monthStart(start, 1);
  const liveBefore = monthsBefore(asOf, 12);
  return { from, to: Math.min(dayOf(asOf) - 365, liveBefore - 1) };
}

/** The first day of a day's month, as YYYY-MM-DD. */
export const monthIso = (day: number) => isoOf(monthStart(day, 0));

export function generateHistory(pop: Population, opts: { seed: number; scale: number; asOf: string; months: number }): History {
  checkMonths(opts.months);
  const asOfDay = dayOf(opts.asOf);
  const { from, to } = historyWindow(opts.asOf, opts.months);
  const involvements: HistoryInvolvement[] = [];
  if (from > to) return { from, to, involvements, alerts: [] };
  // Drawn from 13 weeks earlier, so that the first months' alerts have the contacts before them
  // that the rules count; only what falls from `from` on is kept.
  const start = from - 91;
  const span = to - start + 1;
  const hh = pop.households;
  // Expected rows: a year's volume per 365 days, scaled down by the growth in demand since.
  let growthDays = 0;
  for (let d = start; d <= to; d++) growthDays += growth(d, asOfDay);
  const volume = (yearly: number) => Math.round((yearly * growthDays) / 365);
  const seasonal = (rng: Rng, feed: FeedId, category: string, day: number) =>
    rng.next() * MAX_SEASONAL_WEIGHT <= seasonalWeight(feed, category, day) * growth(day, asOfDay);

  // A troubled household has, more often than not, had a 13-week crisis in the history as well.
  const crisisRng = new Rng(opts.seed, 'history-crises');
  const crises = new Map<Household, number>();
  // (A crisis may run on into the live year, whose contacts are the feeds': those are not drawn here.)
  for (const h of hh) if (h.tier === 2 && crisisRng.chance(0.6)) crises.set(h, start + crisisRng.int(span));

  const oldestOn = (h: Household) => Math.max(...h.members.map((p) => ageOn(p.dobDay, to)));
  for (const kind of CONTACT_KINDS) {
    const c = CONTACTS[kind];
    const rng = new Rng(opts.seed, `history-${c.stream}`);
    const sampler = new WeightedSampler(hh.map((h) => Math.pow(h.weight, c.alpha) * c.extra(h, oldestOn)));
    const count = volume(target(kind, opts.scale));
    let made = 0;
    for (let guard = 0; made < count && guard < count * 40; guard++) {
      const i = sampler.draw(rng);
      if (i < 0) break;
      const h = hh[i]!;
      const crisis = crises.get(h);
      const inCrisis = crisis !== undefined && rng.chance(0.55);
      const day = inCrisis ? crisis + rng.int(91) : start + rng.int(span);
      if (day > to) continue;
      const e: ActivityEvent | null = c.draw(rng, h, day);
      if (!e || (!inCrisis && !seasonal(rng, e.feed, e.category, day))) continue;
      involvements.push({ feed: e.feed, category: e.category, attendance: e.attendance, day, lastDay: day, household: h, person: e.person });
      made++;
    }
  }

  // Social care cases that opened and closed before the live year (those still open are in the
  // live snapshots): about as many a year as are open on a day.
  const cases = (feed: 'council-children' | 'council-adults', yearly: number, eligible: (p: Person, day: number) => boolean, category: (rng: Rng, p: Person, day: number) => string, meanDays: number) => {
    const rng = new Rng(opts.seed, `history-${feed}`);
    const sampler = new WeightedSampler(hh.map((h) => Math.pow(h.weight, 0.6)));
    const count = volume(yearly);
    let made = 0;
    for (let guard = 0; made < count && guard < count * 40; guard++) {
      const i = sampler.draw(rng);
      if (i < 0) break;
      const h = hh[i]!;
      const opened = start + rng.int(span);
      const closed = opened + 14 + Math.floor(rng.exponential(meanDays));
      if (closed > to) continue;
      const fits = h.members.filter((p) => eligible(p, opened));
      if (fits.length === 0) continue;
      const person = rng.pick(fits);
      const cat = category(rng, person, opened);
      if (!seasonal(rng, feed, cat, opened)) continue;
      involvements.push({ feed, category: cat, day: opened, lastDay: closed, household: h, person });
      made++;
    }
  };
  cases('council-children', target('children', opts.scale), (p, d) => p.dobDay <= d && ageOn(p.dobDay, d) < 18, (rng, p, d) => {
    const c = rng.weighted(CHILDREN);
    return c === 'youth-justice' && ageOn(p.dobDay, d) < 10 ? 'child-in-need' : c;
  }, 150);
  cases('council-adults', target('adults', opts.scale), (p, d) => ageOn(p.dobDay, d) >= 18, (rng, p, d) => rng.weighted(ageOn(p.dobDay, d) >= 65 ? ADULTS_OLDER : ADULTS_WORKING_AGE), 200);

  const alerts = historyAlerts(involvements, opts.seed).filter((a) => a.raisedDay >= from);
  return { from, to, involvements: involvements.filter((i) => i.day >= from), alerts };
}

// The shipped rules that need no open case on the day (rules.yaml), applied to the history as
// the nightly run would have: a subject is alerted on the first day its window meets the rule,
// the alert's evidence grows while it keeps meeting it, and a later run of contacts after that
// is a new alert. (The two rules that need an open case on the day are left to the live year.)
const HISTORY_RULES = [
  { rule: 'many-contacts-address', subject: 'address', windowDays: 91, min: 12, services: 3, counts: (_: HistoryInvolvement) => true },
  { rule: 'many-contacts-person', subject: 'person', windowDays: 91, min: 8, services: 3, counts: (_: HistoryInvolvement) => true },
  { rule: 'repeat-police-incidents', subject: 'address', windowDays: 56, min: 4, services: 1, counts: (i: HistoryInvolvement) => i.feed === 'police' },
  {
    rule: 'child-not-brought',
    subject: 'person',
    windowDays: 182,
    min: 2,
    services: 1,
    counts: (i: HistoryInvolvement) => i.attendance === 'did-not-attend' && !!i.person && ageOn(i.person.dobDay, i.day) < 18,
  },
] as const;

const REASONS = { 'action-taken': 34, 'already-known': 26, 'no-further-action': 22, 'referred-on': 13, 'not-this-household': 5 } satisfies Record<keyof typeof ALERT_CLOSE_REASONS, number>;

function historyAlerts(involvements: HistoryInvolvement[], seed: number): HistoryAlert[] {
  const alerts: HistoryAlert[] = [];
  const rng = new Rng(seed, 'history-alerts');
  for (const r of HISTORY_RULES) {
    const bySubject = new Map<Household | Person, HistoryInvolvement[]>();
    for (const i of involvements) {
      if (!r.counts(i)) continue;
      const subject = r.subject === 'address' ? i.household : i.person;
      if (!subject) continue;
      let list = bySubject.get(subject);
      if (!list) bySubject.set(subject, (list = []));
      list.push(i);
    }
    for (const [subject, list] of bySubject) {
      if (list.length < r.min) continue;
      list.sort((a, b) => a.day - b.day);
      let open: HistoryAlert | null = null;
      let first = 0;
      for (let k = 0; k < list.length; k++) {
        const day = list[k]!.day;
        while (list[first]!.day <= day - r.windowDays) first++;
        const window = list.slice(first, k + 1);
        const feeds = [...new Set(window.map((i) => i.feed))].sort();
        const meets = window.length >= r.min && feeds.length >= r.services;
        if (!meets) continue;
        // An alert still open takes the new evidence; once closed, newer contacts raise another.
        if (open && (open.closedDay === null || day <= open.closedDay)) {
          open.latestDay = day;
          open.agencies = feeds;
          continue;
        }
        const person = r.subject === 'person' ? (subject as Person) : null;
        const household = person ? person.household : (subject as Household);
        open = { rule: r.rule, subjectKind: r.subject, leadFeed: leadFeedOf(window), agencies: feeds, raisedDay: day, latestDay: day, hoursToAcknowledge: null, closedDay: null, closedReason: null, household, person };
        decideOutcome(rng, open);
        alerts.push(open);
      }
    }
  }
  return alerts.sort((a, b) => a.raisedDay - b.raisedDay);
}

/**
 * What the lead team did: most acknowledged within a day or two, some later, a few never; most
 * closed within weeks of being acknowledged with one of the partnership's reasons, some of those
 * never acknowledged closed after a month as needing nothing, the rest left to age out.
 */
export function decideOutcome(rng: Rng, a: Pick<HistoryAlert, 'raisedDay' | 'hoursToAcknowledge' | 'closedDay' | 'closedReason'>): void {
  const u = rng.next();
  a.hoursToAcknowledge = u < 0.04 ? null : u < 0.7 ? 1 + Math.floor(rng.exponential(10)) : u < 0.92 ? 24 + rng.int(48) : 72 + Math.floor(rng.exponential(120));
  if (a.hoursToAcknowledge === null) {
    if (rng.chance(0.5)) [a.closedDay, a.closedReason] = [a.raisedDay + 30 + rng.int(60), 'no-further-action'];
    return;
  }
  a.closedDay = a.raisedDay + Math.ceil(a.hoursToAcknowledge / 24) + 3 + Math.floor(rng.exponential(21));
  a.closedReason = rng.weighted(REASONS);
}

/** Social care leads where it counted; otherwise the service with most of the window's contacts. */
function leadFeedOf(window: HistoryInvolvement[]): FeedId {
  const n = new Map<FeedId, number>();
  for (const i of window) n.set(i.feed, (n.get(i.feed) ?? 0) + 1);
  for (const f of ['council-adults', 'council-children'] as const) if (n.has(f)) return f;
  return [...n.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
}

/** The equality report's age band of a person on a day (alert-equality.ts). */
export function ageBand(p: Person, day: number): string {
  const age = ageOn(p.dobDay, day);
  return age < 18 ? '0-17' : age < 25 ? '18-24' : age < 45 ? '25-44' : age < 65 ? '45-64' : '65+';
}

export const sexLabel = (p: Person) => (p.sex === 'F' ? 'female' : 'male');
