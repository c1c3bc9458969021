// A partner team's opening hours as data: the format partners write in their team list, its
// checks, and whether the team's line is answered at an instant. Times are UK wall-clock time
// (Europe/London, GMT or BST as the date requires) whatever the zone of the server or the phone,
// so "08:30" is 08:30 in summer too. Pure functions with `now` passed in; imports no zod, so the
// PWA works out "open now" on the phone, against the phone's clock.
//
// The format (what docs/feed-contracts.md tells partners):
//   24/7                                   always answered
//   Mon–Fri 08:30–17:00                    days, then a time range
//   Mon–Fri 08:30–17:00; Sat 09:00–13:00   several parts, separated by ";"
//   Mon, Wed 09:00–12:30, 13:30–17:00      a list of days, a list of time ranges
//   Fri–Sun 20:00–02:00                    a range ending at or before its start runs past midnight
// Days are Mon Tue Wed Thu Fri Sat Sun (full names and any case accepted); a day range may wrap
// (Sat–Mon). Times are HH:MM on the 24-hour clock; a range may end at 24:00. A hyphen is read as
// an en dash.
import { toLondonTime } from './feed-freshness.ts';

const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
const FULL_DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
const DAY_MINUTES = 24 * 60;
const WEEK_MINUTES = 7 * DAY_MINUTES;

/** Minutes of the week, Monday 00:00 = 0: [from, to), merged, sorted, none past the week's end. */
export type WeekIntervals = readonly (readonly [number, number])[];

export interface OpeningHours {
  intervals: WeekIntervals;
  /** The hours as mast writes them back ("Mon–Fri 08:30–17:00"), whatever dashes they came with. */
  text: string;
}

export type OpeningHoursParse = { ok: true; hours: OpeningHours } | { ok: false; problems: string[] };

const OPENING_HOURS_EXAMPLE = '"24/7", or days and times such as "Mon–Fri 08:30–17:00; Sat 09:00–13:00"';

const TIME = /^(\d{1,2}):(\d{2})$/;

function dayIndex(word: string): number {
  const w = word.toLowerCase();
  const short = DAY_NAMES.findIndex((d) => d.toLowerCase() === w);
  return short >= 0 ? short : FULL_DAY_NAMES.findIndex((d) => d.toLowerCase() === w);
}

/** Minutes since midnight of "HH:MM" (24:00 allowed only as an end), or null. */
function minutesOf(time: string, isEnd: boolean): number | null {
  const m = TIME.exec(time);
  if (!m) return null;
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  if (minute > 59) return null;
  if (hour === 24 && minute === 0 && isEnd) return DAY_MINUTES;
  return hour <= 23 ? hour * 60 + minute : null;
}

function parseDays(text: string, where: string, problems: string[]): number[] {
  const days = new Set<number>();
  for (const item of text.split(',').map((s) => s.trim())) {
    const ends = item.split('–').map((s) => s.trim());
    const idx = ends.map(dayIndex);
    if (ends.length > 2 || idx.some((i) => i < 0) || item === '') {
      problems.push(`${where}: days must be day names (Mon, Tue, Wed, Thu, Fri, Sat, Sun), a range such as Mon–Fri, or a list such as Mon, Wed`);
      return [];
    }
    const [from, to = from] = idx as [number, number?];
    for (let d = from; ; d = (d + 1) % 7) {
      days.add(d);
      if (d === to) break;
    }
  }
  return [...days].sort((a, b) => a - b);
}

function parseTimes(text: string, where: string, problems: string[]): [number, number][] {
  const ranges: [number, number][] = [];
  for (const item of text.split(',').map((s) => s.trim())) {
    const ends = item.split('–').map((s) => s.trim());
    const from = ends.length === 2 ? minutesOf(ends[0]!, false) : null;
    const to = ends.length === 2 ? minutesOf(ends[1]!, true) : null;
    if (from === null || to === null) {
      problems.push(`${where}: times must be a range such as 08:30–17:00 (HH:MM, 24-hour clock, ending at 24:00 at the latest)`);
      return [];
    }
    if (from === to) {
      problems.push(`${where}: a time range must not start and end at the same time (write 00:00–24:00 for the whole day)`);
      return [];
    }
    ranges.push([from, to]);
  }
  return ranges;
}

/** Sorted, merged, within [0, WEEK_MINUTES); an interval past the week's end wraps to Monday. */
function normalise(raw: [number, number][]): [number, number][] {
  const flat: [number, number][] = [];
  for (const [from, to] of raw) {
    if (to <= WEEK_MINUTES) flat.push([from, to]);
    else flat.push([from, WEEK_MINUTES], [0, to - WEEK_MINUTES]);
  }
  flat.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [from, to] of flat) {
    const last = merged.at(-1);
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else merged.push([from, to]);
  }
  return merged;
}

const pad = (n: number) => String(n).padStart(2, '0');
const clock = (minutes: number) => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;

function daysText(days: number[]): string {
  // Runs of consecutive days as ranges: [0,1,2,3,4] -> "Mon–Fri", [0,2] -> "Mon, Wed".
  const parts: string[] = [];
  for (let i = 0; i < days.length; ) {
    let j = i;
    while (j + 1 < days.length && days[j + 1] === days[j]! + 1) j++;
    const from = DAY_NAMES[days[i]!]!;
    const to = DAY_NAMES[days[j]!]!;
    parts.push(j === i ? from : j === i + 1 ? `${from}, ${to}` : `${from}–${to}`);
    i = j + 1;
  }
  return parts.join(', ');
}

/**
 * Reads opening hours in the format above: the hours, or every problem in words for whoever
 * keeps the team list (the problems name the part and the rule, never the whole value).
 */
export function parseOpeningHours(input: string): OpeningHoursParse {
  const text = input.trim().replace(/\s*[-–—]\s*/g, '–').replace(/\s+/g, ' ');
  if (text === '') return { ok: false, problems: [`hours must be ${OPENING_HOURS_EXAMPLE}`] };
  if (text.toLowerCase() === '24/7') return { ok: true, hours: { intervals: [[0, WEEK_MINUTES]], text: '24/7' } };
  const problems: string[] = [];
  const parts = text.split(';').map((s) => s.trim());
  const raw: [number, number][] = [];
  const written: string[] = [];
  parts.forEach((part, i) => {
    const where = parts.length === 1 ? 'hours' : `hours, part ${i + 1} of ${parts.length}`;
    // The days come first, the times after them: the first digit starts the times.
    const firstDigit = part.search(/\d/);
    if (firstDigit <= 0) {
      problems.push(`${where} must be days then times, such as Mon–Fri 08:30–17:00`);
      return;
    }
    const days = parseDays(part.slice(0, firstDigit).trim(), where, problems);
    if (days.length === 0) return; // whatever follows words that are not days, its times would only add noise
    const times = parseTimes(part.slice(firstDigit).trim(), where, problems);
    if (times.length === 0) return;
    for (const d of days) for (const [from, to] of times) raw.push([d * DAY_MINUTES + from, d * DAY_MINUTES + (to <= from ? to + DAY_MINUTES : to)]);
    written.push(`${daysText(days)} ${times.map(([from, to]) => `${clock(from)}–${clock(to)}`).join(', ')}`);
  });
  if (problems.length > 0) {
    // Free text from before hours were data ("...; out of hours via the emergency duty team 01632 960999").
    if (/out of hours|otherwise|via|\d{5,}/i.test(text)) problems.push('put the line to call when the team is closed in out_of_hours_name and out_of_hours_phone, not in hours');
    return { ok: false, problems };
  }
  const intervals = normalise(raw);
  const always = intervals.length === 1 && intervals[0]![0] === 0 && intervals[0]![1] === WEEK_MINUTES;
  return { ok: true, hours: { intervals, text: always ? '24/7' : written.join('; ') } };
}

/** The UK wall-clock minute of the week at an instant (Monday 00:00 = 0). */
function londonMinuteOfWeek(now: Date | number): number {
  const t = toLondonTime(now);
  const weekday = (new Date(Date.UTC(t.year, t.month - 1, t.day)).getUTCDay() + 6) % 7;
  return weekday * DAY_MINUTES + t.hour * 60 + t.minute;
}

export type OpenState =
  | { open: true; always: true }
  /** `until`: the wall-clock minute of the week it closes, `days` later (0: today). */
  | { open: true; always: false; until: number; days: number }
  /** `opens`: the wall-clock minute of the week it next opens, `days` later (0: today). */
  | { open: false; opens: number; days: number }
  /** Open no minute of the week. */
  | { open: false; opens: null; days: null };

/** Whether the line is answered at `now` (UK wall-clock time), and until when, or when it opens. */
export function openStateAt(hours: OpeningHours, now: Date | number): OpenState {
  const { intervals } = hours;
  if (intervals.length === 0) return { open: false, opens: null, days: null };
  const first = intervals[0]!;
  if (first[0] === 0 && first[1] === WEEK_MINUTES) return { open: true, always: true };
  const at = londonMinuteOfWeek(now);
  const today = Math.floor(at / DAY_MINUTES);
  const daysTo = (minute: number) => (Math.floor(minute / DAY_MINUTES) - today + 7) % 7;
  const inside = intervals.find(([from, to]) => at >= from && at < to);
  if (inside) {
    // Open through Sunday midnight into Monday's first hours: it closes when Monday's interval ends.
    const until = inside[1] === WEEK_MINUTES && first[0] === 0 ? first[1] : inside[1] % WEEK_MINUTES;
    return { open: true, always: false, until, days: daysTo(until) };
  }
  const next = intervals.find(([from]) => from > at) ?? first;
  // Wrapped round to an opening earlier today (the team's only day): that is a week away.
  const days = next[0] <= at && daysTo(next[0]) === 0 ? 7 : daysTo(next[0]);
  return { open: false, opens: next[0], days };
}

/**
 * A time `days` days on from today, in words: "17:00", "08:30 tomorrow", "08:30 Monday", "08:30
 * next Monday"; the coming midnight is "midnight", not "00:00 tomorrow".
 */
export function describeWeekMinute(minute: number, days: number): string {
  const inDay = minute % DAY_MINUTES;
  const time = clock(inDay);
  if (inDay === 0 && days === 1) return 'midnight';
  if (days === 0) return time;
  if (days === 1) return `${time} tomorrow`;
  const day = FULL_DAY_NAMES[Math.floor(minute / DAY_MINUTES) % 7]!;
  return days === 7 ? `${time} next ${day}` : `${time} ${day}`;
}
