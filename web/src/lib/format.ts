// Plain-English formatting of dates, counts and feed freshness for a person reading on a phone.
// Pure functions with `now` passed in, so they are testable; times are shown in UK time.
import type { FeedStatus } from '@mast/shared';
// The one UK-time conversion, shared with the server's feed schedules (zod-free module).
import { toLondonTime } from '@mast/shared/feed-freshness';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

/** A date-only string ("2026-11-14") is a calendar day as-is; a timestamp is read in UK time. */
function toCalendarDay(value: string): CalendarDay | null {
  const m = DATE_ONLY.exec(value);
  if (m) return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? null : toLondonTime(instant);
}

function dayLabel({ year, month, day }: CalendarDay): string {
  return `${day} ${MONTHS[month - 1] ?? '?'} ${year}`;
}

/** "14 Nov 2026". Month names are spelt here, not by Intl, which writes "Sept" in some locales. */
export function formatDate(value: string): string {
  const day = toCalendarDay(value);
  return day ? dayLabel(day) : value;
}

/** "14 Nov 2026, 06:10" in UK time: when something happened, for a list read later. */
export function formatDateTime(value: string): string {
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) return value;
  const t = toLondonTime(instant);
  return `${dayLabel(t)}, ${pad(t.hour)}:${pad(t.minute)}`;
}

/** Days since 1 Jan 1970 of a calendar day: days apart by the calendar, whatever the clocks did. */
function dayNumber({ year, month, day }: CalendarDay): number {
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * "06:10 today", "21:45 yesterday" or "06:10 on 14 Nov 2026", by UK calendar days (as the
 * server's describeWhen): "now minus 24 hours" lands on the wrong day around a clock change.
 */
export function formatWhen(iso: string, now: Date): string {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return iso;
  const at = toLondonTime(instant);
  const time = `${pad(at.hour)}:${pad(at.minute)}`;
  const days = dayNumber(toLondonTime(now)) - dayNumber(at);
  if (days === 0) return `${time} today`;
  if (days === 1) return `${time} yesterday`;
  return `${time} on ${dayLabel(at)}`;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "A", "A and B", "A, B and C". */
function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/**
 * The one warning above the agency lines when any partner's data is late or never came (each
 * line then says which and since when), or null when all are fresh: "Not known" from such an
 * agency may only mean "not sent".
 */
export function staleFeedsNotice(agencies: readonly { agencyName: string; feed: Pick<FeedStatus, 'state'> }[]): string | null {
  const stale = agencies.filter((agency) => agency.feed.state !== 'fresh').map((agency) => agency.agencyName);
  if (stale.length === 0) return null;
  const one = stale.length === 1;
  return `${listInWords(stale)} data ${one ? 'is' : 'are'} not up to date, so “Not known” from ${one ? 'it' : 'them'} may only mean not sent.`;
}

/** "1 contact in last 12 months" / "11 contacts in last 12 months". */
export function formatContacts(count: number): string {
  return `${plural(count, 'contact', 'contacts')} in last 12 months`;
}

/** "1 flat" / "12 flats". */
export function formatUnits(count: number): string {
  return plural(count, 'flat', 'flats');
}

/** Whole years of age on `now`'s UK date, or null for an unreadable date of birth. */
export function ageOn(dateOfBirth: string, now: Date): number | null {
  const dob = toCalendarDay(dateOfBirth);
  if (!dob) return null;
  const today = toLondonTime(now);
  const hadBirthday = today.month > dob.month || (today.month === dob.month && today.day >= dob.day);
  return today.year - dob.year - (hadBirthday ? 0 : 1);
}

/** A tel: link keeps only what a dialler understands: digits and a leading plus. */
export function telHref(phone: string): string {
  const trimmed = phone.trim();
  const digits = trimmed.replace(/\D/g, '');
  return `tel:${trimmed.startsWith('+') ? '+' : ''}${digits}`;
}

/** UK numbers as people write them: 01632 960999, 07700 900401, +44 1632 960999, 101. */
const PHONE_IN_TEXT = /(?:\+44\s?|\b0)\d(?:[\s-]?\d){8,9}\b|\b(?:101|111|999)\b/g;

/**
 * Free text cut into plain parts and phone numbers, so that every number shown can be a tel:
 * link: "out of hours via the emergency duty team 01632 960999" (team hours kept from before
 * mast read hours as data).
 */
export function splitPhoneNumbers(text: string): { text: string; phone: boolean }[] {
  const parts: { text: string; phone: boolean }[] = [];
  let at = 0;
  for (const match of text.matchAll(PHONE_IN_TEXT)) {
    if (match.index > at) parts.push({ text: text.slice(at, match.index), phone: false });
    parts.push({ text: match[0], phone: true });
    at = match.index + match[0].length;
  }
  if (at < text.length) parts.push({ text: text.slice(at), phone: false });
  return parts;
}

/**
 * A flat's name without its building's address, for the list under the building:
 * "Flat 4, Beech Court, 5 Station Road" under "Beech Court, 5 Station Road" reads "Flat 4".
 */
export function shortUnitLabel(unitLabel: string, buildingLabel: string): string {
  const unit = unitLabel.trim();
  const building = buildingLabel.trim();
  if (building && unit.toLowerCase().endsWith(building.toLowerCase())) {
    const rest = unit.slice(0, unit.length - building.length).replace(/[\s,]+$/, '');
    if (rest) return rest;
  }
  const comma = unit.indexOf(',');
  return comma > 0 ? unit.slice(0, comma) : unit;
}
