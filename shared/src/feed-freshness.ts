// How fresh a partner's data is, measured against the feed's delivery schedule, and the plain
// words for it ("Police data as of 06:10 today"). The one computation behind every lookup and
// the feed admin view. Times are read in UK local time (Europe/London) whatever the zone of the
// server or the phone. Pure functions with `now` passed in; imports no zod (only a type from
// api.ts), so the PWA may use it.
//
// The rule. Each due time (the schedule's `by` on a delivery day) expects a file by the end of
// its grace. A file counts towards the next due time whose grace has not ended when it arrives;
// except that a file arriving after a due time's grace, but no more than halfway to the next
// one's, is that due time's late delivery (a resend or a late file at 10:00 does not stand in
// for tomorrow's file). A feed is late once the grace of the due time after the one its newest
// file counted towards has ended; missing when no file has ever arrived. Only a delivery of data
// counts as a file here: one whose every row was rejected applied nothing and leaves the data as
// old as it was (the rule is COUNTS_AS_DELIVERY in db/src/queries/feed-admin.ts).
import { AGENCIES, WEEKDAYS, type FeedId, type FeedSchedule } from './agencies.ts';
import type { FeedStatus } from './api.ts';

export type FreshnessState = 'fresh' | 'late' | 'missing';

export interface Freshness {
  state: FreshnessState;
  /** When the newest file arrived: the time of the data now held; null when none ever has. */
  asOf: Date | null;
  /** When the feed became late (the end of the awaited file's grace); only when late. */
  lateSince?: Date;
  /** When the next file is due (without grace); null when no file has ever arrived. */
  expectedBy: Date | null;
}

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

export interface LondonTime {
  year: number;
  /** 1 to 12. */
  month: number;
  day: number;
  hour: number;
  minute: number;
}

let londonFormatter: Intl.DateTimeFormat | undefined;
// The UK's clocks change at 01:00 UTC, so the offset is the same through any UTC hour: one
// Intl call per hour ever seen (Intl is slow, and a lookup asks for five feeds).
const offsetByHour = new Map<number, number>();

/** Europe/London's offset from UTC (0 or one hour, in ms) at an instant. */
function londonOffset(t: number): number {
  const bucket = Math.floor(t / HOUR);
  const cached = offsetByHour.get(bucket);
  if (cached !== undefined) return cached;
  londonFormatter ??= new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    hourCycle: 'h23',
  });
  const at = bucket * HOUR;
  const parts: Record<string, number> = {};
  for (const part of londonFormatter.formatToParts(at)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  const wall = Date.UTC(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1, (parts.hour ?? 0) % 24, parts.minute ?? 0);
  const offset = wall - at;
  if (offsetByHour.size > 50_000) offsetByHour.clear();
  offsetByHour.set(bucket, offset);
  return offset;
}

/** The wall-clock date and time in the UK at an instant (GMT or BST as the date requires). */
export function toLondonTime(instant: Date | number): LondonTime {
  const t = typeof instant === 'number' ? instant : instant.getTime();
  const wall = new Date(t + londonOffset(t));
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
  };
}

/**
 * The instant of a UK wall-clock time. A time the spring change skips (01:30 on the last Sunday
 * of March) is read an hour on; one the autumn change repeats is the second (GMT) one.
 */
export function fromLondonTime(year: number, month: number, day: number, hour: number, minute: number): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const guess = londonOffset(wall);
  const t = wall - guess;
  const actual = londonOffset(t);
  return actual === guess ? t : wall - actual;
}

const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** What is wrong with a schedule, in words for whoever configures it; empty when nothing is. */
export function scheduleProblems(schedule: FeedSchedule): string[] {
  const problems: string[] = [];
  if (!TIME_OF_DAY.test(schedule.by)) problems.push(`"by" must be a time of day written HH:MM (24-hour clock), not ${JSON.stringify(schedule.by)}`);
  const periodMinutes = schedule.every === 'week' ? 7 * 24 * 60 : 24 * 60;
  if (!Number.isInteger(schedule.graceMinutes) || schedule.graceMinutes < 0 || schedule.graceMinutes >= periodMinutes) {
    problems.push(`"graceMinutes" must be a whole number of minutes from 0 to less than a ${schedule.every === 'week' ? 'week' : 'day'}`);
  }
  if (schedule.every === 'week' && !WEEKDAYS.includes(schedule.on)) problems.push(`"on" must be one of ${WEEKDAYS.join(', ')}`);
  if (!['day', 'weekdays', 'week'].includes(schedule.every)) problems.push(`"every" must be day, weekdays or week`);
  return problems;
}

function timeOfDay(schedule: FeedSchedule): { hour: number; minute: number } {
  const problems = scheduleProblems(schedule);
  if (problems.length > 0) throw new Error(`Feed schedule is not valid: ${problems.join('; ')}`);
  const m = TIME_OF_DAY.exec(schedule.by)!;
  return { hour: Number(m[1]), minute: Number(m[2]) };
}

function isDeliveryDay(schedule: FeedSchedule, year: number, month: number, day: number): boolean {
  const weekday = (new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7; // 0 is Monday
  if (schedule.every === 'day') return true;
  if (schedule.every === 'weekdays') return weekday < 5;
  return WEEKDAYS[weekday] === schedule.on;
}

/** Due times (ms) on the UK calendar days from `from`'s day, `step` days at a time (+1 or -1). */
function* dueTimes(schedule: FeedSchedule, from: number, step: 1 | -1): Generator<number> {
  const { hour, minute } = timeOfDay(schedule);
  const start = toLondonTime(from);
  // Two weeks of days always hold a delivery day; the bound only guards against a bad schedule.
  for (let k = 0; k < 16; k++) {
    const date = new Date(Date.UTC(start.year, start.month - 1, start.day + k * step));
    const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
    if (isDeliveryDay(schedule, y, m, d)) yield fromLondonTime(y, m, d, hour, minute);
  }
}

/** The first due time at or after `t`. */
export function dueAtOrAfter(schedule: FeedSchedule, t: number): number {
  for (const due of dueTimes(schedule, t - DAY, 1)) if (due >= t) return due;
  throw new Error('Feed schedule has no delivery day');
}

/** The last due time before `t`. */
export function dueBefore(schedule: FeedSchedule, t: number): number {
  for (const due of dueTimes(schedule, t + DAY, -1)) if (due < t) return due;
  throw new Error('Feed schedule has no delivery day');
}

/** The due time a file arriving at `t` counts towards (see the rule at the top). */
export function dueTimeOfFile(schedule: FeedSchedule, t: number): number {
  const grace = schedule.graceMinutes * MINUTE;
  const next = dueAtOrAfter(schedule, t - grace);
  const previous = dueBefore(schedule, next);
  const halfway = (previous + grace + (next + grace)) / 2;
  return t <= halfway ? previous : next;
}

/**
 * How fresh a feed is at `now`, given when its newest file arrived. Fresh up to and including
 * the last instant of the awaited file's grace; late from the next.
 */
export function feedFreshness(schedule: FeedSchedule, lastDelivery: Date | null | undefined, now: Date): Freshness {
  if (!lastDelivery) return { state: 'missing', asOf: null, expectedBy: null };
  const grace = schedule.graceMinutes * MINUTE;
  const counted = dueTimeOfFile(schedule, lastDelivery.getTime());
  const awaited = dueAtOrAfter(schedule, counted + 1);
  const lateAt = awaited + grace;
  const asOf = new Date(lastDelivery.getTime());
  if (now.getTime() > lateAt) return { state: 'late', asOf, lateSince: new Date(lateAt), expectedBy: new Date(awaited) };
  return { state: 'fresh', asOf, expectedBy: new Date(awaited) };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS_AGO = ['', '', 'two', 'three', 'four', 'five', 'six'];
const WEEKDAY_NAMES: Record<(typeof WEEKDAYS)[number], string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

const pad = (n: number) => String(n).padStart(2, '0');
const dayNumber = (t: LondonTime) => Date.UTC(t.year, t.month - 1, t.day) / DAY;

/**
 * When, in words, relative to `now` on the UK calendar: "06:10 today", "06:10 yesterday",
 * "06:10 two days ago" (up to six), then "12 Nov", or "12 Nov 2025" in another year.
 */
export function describeWhen(at: Date, now: Date): string {
  const when = toLondonTime(at);
  const today = toLondonTime(now);
  const time = `${pad(when.hour)}:${pad(when.minute)}`;
  const days = dayNumber(today) - dayNumber(when);
  if (days === 0) return `${time} today`;
  if (days === 1) return `${time} yesterday`;
  if (days >= 2 && days <= 6) return `${time} ${DAYS_AGO[days]} days ago`;
  const date = `${when.day} ${MONTHS[when.month - 1]}`;
  return when.year === today.year ? date : `${date} ${when.year}`;
}

/**
 * The line a person reads under an agency: "Police data as of 06:10 today", or the warning
 * "Police data is late: last received 06:10 two days ago", or "No Police data received".
 */
export function describeFreshness(agencyName: string, freshness: Pick<Freshness, 'state' | 'asOf'>, now: Date): string {
  if (freshness.state === 'missing' || freshness.asOf === null) return `No ${agencyName} data received`;
  const when = describeWhen(freshness.asOf, now);
  return freshness.state === 'late' ? `${agencyName} data is late: last received ${when}` : `${agencyName} data as of ${when}`;
}

/**
 * One feed's status as the API reports it (a lookup, the feed admin view), and as the PWA works
 * it out again later from the same delivery: state, times (ISO) and the words a person reads.
 */
export function feedStatus(feed: FeedId, lastDelivery: Date | null | undefined, now: Date): FeedStatus {
  const freshness = feedFreshness(AGENCIES[feed].schedule, lastDelivery, now);
  return {
    state: freshness.state,
    asOf: freshness.asOf?.toISOString() ?? null,
    lateSince: freshness.lateSince?.toISOString() ?? null,
    expectedBy: freshness.expectedBy?.toISOString() ?? null,
    text: describeFreshness(AGENCIES[feed].name, freshness, now),
  };
}

/** "Every day by 07:00, late after 08:00", "Monday to Friday by 08:00, ...", "Every Monday by 07:00, ...". */
export function describeSchedule(schedule: FeedSchedule): string {
  const { hour, minute } = timeOfDay(schedule);
  const days = schedule.every === 'day' ? 'Every day' : schedule.every === 'weekdays' ? 'Monday to Friday' : `Every ${WEEKDAY_NAMES[schedule.on]}`;
  const end = hour * 60 + minute + schedule.graceMinutes;
  const lateAfter = `${pad(Math.floor(end / 60) % 24)}:${pad(end % 60)}`;
  const dayLater = Math.floor(end / (24 * 60));
  const after = schedule.graceMinutes === 0 ? '' : `, late after ${lateAfter}${dayLater === 1 ? ' the next day' : dayLater > 1 ? ` ${dayLater} days later` : ''}`;
  return `${days} by ${pad(hour)}:${pad(minute)} UK time${after}`;
}
