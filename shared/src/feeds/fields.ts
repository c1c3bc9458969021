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

/** What a quick check returns when it cannot vouch for a cell: zod then checks it, and gives
 * the reason if it is refused. */
export const UNSURE: unique symbol = Symbol('unsure');
/** A schema's check without zod: the value the schema gives a cell it accepts, or UNSURE. */
export type QuickCheck = (cell: string | undefined) => unknown;

/**
 * The quick checks, by schema. A feed file is a dozen cells a row, and zod's safeParse allocates
 * for every one (its context, its result, the pipe and preprocess steps): on a big file the cell
 * checks were a fifth of the row stage. A quick check restates the schema's rules in plain code
 * and only ever accepts: anything it is unsure of, refusals included, goes to zod, so the reasons
 * given are always zod's. For a cell it accepts it must give exactly what zod gives
 * (fields.test.ts compares the two).
 */
const QUICK = new WeakMap<z.ZodType, QuickCheck>();

export function quickCheck(schema: z.ZodType): QuickCheck | undefined {
  return QUICK.get(schema);
}

/** Registers `schema`'s quick check for a trimmed, non-blank cell. */
function quick<S extends z.ZodType>(schema: S, check: (s: string) => unknown): S {
  QUICK.set(schema, (cell) => (typeof cell === 'string' ? check(cell) : UNSURE));
  return schema;
}

/** A required cell: present and non-blank. */
export function required<T extends z.ZodType<unknown, string>>(inner: T) {
  const schema = z.preprocess(blankToUndefined, z.string({ error: 'is required' }).pipe(inner));
  const check = QUICK.get(inner);
  if (check) {
    QUICK.set(schema, (cell) => {
      const t = blankToUndefined(cell);
      return typeof t === 'string' ? check(t) : UNSURE;
    });
  }
  return schema;
}
/** An optional cell: blank means absent. */
export function optional<T extends z.ZodType>(inner: T) {
  const schema = z.preprocess(blankToUndefined, inner.optional());
  const check = QUICK.get(inner);
  if (check) {
    QUICK.set(schema, (cell) => {
      const t = blankToUndefined(cell);
      return typeof t === 'string' ? check(t) : undefined;
    });
  }
  return schema;
}

/** One of a few fixed words, as written (z.enum). */
export function oneOf<const V extends readonly [string, ...string[]]>(values: V, error: string) {
  return quick(z.enum(values, { error }), (s) => ((values as readonly string[]).includes(s) ? s : UNSURE));
}

const SOURCE_ID = /^[A-Za-z0-9][A-Za-z0-9._\/-]*$/;
export const sourceId = quick(
  z
    .string()
    .max(64, { error: 'is longer than 64 characters' })
    .regex(SOURCE_ID, { error: 'must be letters, digits, dot, dash, slash or underscore' }),
  (s) => (s.length <= 64 && SOURCE_ID.test(s) ? s : UNSURE),
);

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
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
export const isoDate = quick(
  z
    .string()
    .regex(ISO_DATE, { error: 'must be a date as YYYY-MM-DD' })
    .refine(isRealDate, { error: 'is not a real calendar date' })
    .refine((s) => s >= '1900-01-01', { error: 'is before 1900' })
    .refine((s) => s <= tomorrow(), { error: 'is in the future' }),
  (s) => (ISO_DATE.test(s) && isRealDate(s) && s >= '1900-01-01' && s <= tomorrow() ? s : UNSURE),
);

/** A name: letters (any script), spaces, hyphens, apostrophes, dots. No digits, no sentences. */
const PERSON_NAME = /^[\p{L}][\p{L}\p{M} .'’-]*$/u;
export const personName = quick(
  z
    .string()
    .max(60, { error: 'is longer than 60 characters' })
    .regex(PERSON_NAME, { error: 'must contain only letters, spaces, hyphens and apostrophes' }),
  (s) => (s.length <= 60 && PERSON_NAME.test(s) ? s : UNSURE),
);

const SEXES = ['M', 'F', 'U', 'X'] as const;
export const sex = quick(
  z
    .string()
    .transform((s) => s.toUpperCase())
    .pipe(z.enum(SEXES, { error: 'must be M, F, U or X' })),
  (s) => {
    const u = s.toUpperCase();
    return (SEXES as readonly string[]).includes(u) ? u : UNSURE;
  },
);

/** NHS number: ten digits with a valid modulus-11 check digit (spaces allowed as typed). */
export const nhsNumber = quick(
  z
    .string()
    .transform((s) => s.replace(/\s+/g, ''))
    .refine((s) => /^\d{10}$/.test(s), { error: 'must be ten digits' })
    .refine(nhsCheckDigitValid, { error: 'fails the NHS number check digit' }),
  (s) => {
    const digits = s.replace(/\s+/g, '');
    return nhsCheckDigitValid(digits) ? digits : UNSURE; // which tests the ten digits first
  },
);

export function nhsCheckDigitValid(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(digits[9]);
}

/** UPRN: up to 12 digits, no leading zero. */
const UPRN = /^[1-9]\d{0,11}$/;
export const uprn = quick(z.string().regex(UPRN, { error: 'must be a number of up to 12 digits' }), (s) => (UPRN.test(s) ? s : UNSURE));

/** Control characters (NUL, escape, bell...) and the invisible marks that reverse or isolate
 * the direction of the text around them. No address holds them; shown, a direction override makes
 * an address read as another, and the database refuses a NUL. Letters of any script, emoji and
 * punctuation are kept as sent. */
const NO_CONTROLS = /^[^\p{Cc}\u202A-\u202E\u2066-\u2069]*$/u;
const noControls = { error: 'must not contain control characters or text-direction marks' };

/** An address as the source system typed it: one line, bounded. Matched to the gazetteer later. */
const ONE_LINE = /^[^\r\n\t\u2028\u2029\u0085]*$/;
export const addressText = quick(
  z.string().max(200, { error: 'is longer than 200 characters' }).regex(ONE_LINE, { error: 'must be on one line' }).regex(NO_CONTROLS, noControls),
  (s) => (s.length <= 200 && ONE_LINE.test(s) && NO_CONTROLS.test(s) ? s : UNSURE),
);

/** A postcode as typed. Kept even when malformed (matching copes); only its size and characters are bounded. */
export const postcodeText = quick(
  z.string().max(10, { error: 'is longer than 10 characters' }).regex(NO_CONTROLS, noControls),
  (s) => (s.length <= 10 && NO_CONTROLS.test(s) ? s : UNSURE),
);

/** A team code from the partner's team list (loaded with the organisations). */
const TEAM_CODE = /^[A-Z0-9][A-Z0-9-]{1,31}$/;
export const teamCode = quick(
  z.string().regex(TEAM_CODE, { error: 'must be a team code (capitals, digits, dashes)' }),
  (s) => (TEAM_CODE.test(s) ? s : UNSURE),
);

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
  return quick(
    z.string().refine((c) => codes.includes(c), { error: 'is not in the published code list' }),
    (s) => (codes.includes(s) ? s : UNSURE),
  );
}
