// Field validators for CSV feed columns. Every CSV value arrives as a string; these trim it,
// turn empty cells into "absent", and refuse anything that could carry narrative (length caps,
// character classes). Error messages name the rule, never echo the value: they end up in
// upload reports and must hold no personal data.
import { z } from 'zod';

const blankToUndefined = (v: unknown) => {
  if (typeof v !== 'string') return v;
  const t = v.trim();
  return t === '' ? undefined : t;
};

/** A required cell: present and non-blank. */
export function required<T extends z.ZodType<unknown, string>>(inner: T) {
  return z.preprocess(blankToUndefined, z.string({ error: 'is required' }).pipe(inner));
}
/** An optional cell: blank means absent. */
export function optional<T extends z.ZodType>(inner: T) {
  return z.preprocess(blankToUndefined, inner.optional());
}

export const sourceId = z
  .string()
  .max(64, { error: 'is longer than 64 characters' })
  .regex(/^[A-Za-z0-9][A-Za-z0-9._\/-]*$/, { error: 'must be letters, digits, dot, dash, slash or underscore' });

/** Checked by arithmetic, not through Date: two date cells on every row of a million-row file. */
function isRealDate(s: string): boolean {
  const y = Number(s.slice(0, 4));
  const m = Number(s.slice(5, 7));
  const d = Number(s.slice(8, 10));
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (m === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31);
}

/** Tomorrow (UTC) as YYYY-MM-DD, worked out once a minute rather than for every date cell. */
let tomorrowAt = -1;
let tomorrowText = '';
function tomorrow(): string {
  const minute = Math.floor(Date.now() / 60_000);
  if (minute !== tomorrowAt) {
    tomorrowAt = minute;
    tomorrowText = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  }
  return tomorrowText;
}

/** ISO calendar date, YYYY-MM-DD, a real day, between 1900 and a day after now. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date as YYYY-MM-DD' })
  .refine(isRealDate, { error: 'is not a real calendar date' })
  .refine((s) => s >= '1900-01-01', { error: 'is before 1900' })
  .refine((s) => s <= tomorrow(), { error: 'is in the future' });

/** A name: letters (any script), spaces, hyphens, apostrophes, dots. No digits, no sentences. */
export const personName = z
  .string()
  .max(60, { error: 'is longer than 60 characters' })
  .regex(/^[\p{L}][\p{L}\p{M} .'’-]*$/u, { error: 'must contain only letters, spaces, hyphens and apostrophes' });

export const sex = z
  .string()
  .transform((s) => s.toUpperCase())
  .pipe(z.enum(['M', 'F', 'U', 'X'], { error: 'must be M, F, U or X' }));

/** NHS number: ten digits with a valid modulus-11 check digit (spaces allowed as typed). */
export const nhsNumber = z
  .string()
  .transform((s) => s.replace(/\s+/g, ''))
  .refine((s) => /^\d{10}$/.test(s), { error: 'must be ten digits' })
  .refine(nhsCheckDigitValid, { error: 'fails the NHS number check digit' });

export function nhsCheckDigitValid(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(digits[9]);
}

/** UPRN: up to 12 digits, no leading zero. */
export const uprn = z.string().regex(/^[1-9]\d{0,11}$/, { error: 'must be a number of up to 12 digits' });

/** Control characters (NUL, escape, bell...) and the invisible marks that reverse or isolate
 * the direction of the text around them. No address holds them; shown, a direction override makes
 * an address read as another, and the database refuses a NUL. Letters of any script, emoji and
 * punctuation are kept as sent. */
const NO_CONTROLS = /^[^\p{Cc}\u202A-\u202E\u2066-\u2069]*$/u;
const noControls = { error: 'must not contain control characters or text-direction marks' };

/** An address as the source system typed it: one line, bounded. Matched to the gazetteer later. */
export const addressText = z
  .string()
  .max(200, { error: 'is longer than 200 characters' })
  .regex(/^[^\r\n\t\u2028\u2029\u0085]*$/, { error: 'must be on one line' })
  .regex(NO_CONTROLS, noControls);

/** A postcode as typed. Kept even when malformed (matching copes); only its size and characters are bounded. */
export const postcodeText = z.string().max(10, { error: 'is longer than 10 characters' }).regex(NO_CONTROLS, noControls);

/** A team code from the partner's team list (loaded with the organisations). */
export const teamCode = z.string().regex(/^[A-Z0-9][A-Z0-9-]{1,31}$/, { error: 'must be a team code (capitals, digits, dashes)' });

/** A number a phone can dial: digits with spaces, dashes or brackets as written, an optional leading +, 3 to 15 digits (101 to international). */
export const phoneNumber = z
  .string()
  .max(30, { error: 'is longer than 30 characters' })
  .regex(/^\+?[0-9][0-9 ()-]*$/, { error: 'must be a phone number: digits, spaces, dashes or brackets, an optional leading +' })
  .refine((s) => {
    const digits = s.replace(/\D/g, '').length;
    return digits >= 3 && digits <= 15;
  }, { error: 'must have 3 to 15 digits' });

export function codeFrom(codes: readonly string[]) {
  return z.string().refine((c) => codes.includes(c), { error: 'is not in the published code list' });
}
