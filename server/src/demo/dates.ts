// Calendar days as integers (days since 1970-01-01, UTC) so the generator can do date arithmetic
// without time zones or the clock creeping in.
const DAY_MS = 86_400_000;

export function dayOf(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`not a date as YYYY-MM-DD: ${iso}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!isRealDate(y, mo, d)) throw new Error(`not a real calendar date: ${iso}`);
  return Date.UTC(y, mo - 1, d) / DAY_MS;
}

// Formatting dates is a hot path (every birth date and contact), so formatted days are cached.
const isoCache = new Map<number, string>();

export function isoOf(day: number): string {
  let iso = isoCache.get(day);
  if (iso === undefined) {
    iso = new Date(day * DAY_MS).toISOString().slice(0, 10);
    isoCache.set(day, iso);
  }
  return iso;
}

export function isRealDate(y: number, m: number, d: number): boolean {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/** Today in UTC: the only read of the clock, and only when no asOf is given. */
export function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Whole years between a date of birth and a day. */
export function ageOn(dobDay: number, day: number): number {
  return Math.floor((day - dobDay) / 365.25);
}
