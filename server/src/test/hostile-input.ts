// Input meant to break things, for the fuzz tests: strings that trip naive parsers, spreadsheets
// and databases, and a small seeded generator so that a failing run can be replayed exactly
// (each test prints its seed; MAST_FUZZ_SEED=<seed> runs it again).

/** A seeded pseudo-random source (mulberry32): the same seed gives the same sequence. */
export interface Random {
  seed: number;
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { seed, next, int, pick: (items) => items[int(items.length)]!, chance: (p) => next() < p };
}

/** The run's seed: MAST_FUZZ_SEED when set (to replay a failure), else a fixed one. */
export function fuzzSeed(fallback: number): number {
  const set = Number(process.env.MAST_FUZZ_SEED);
  return Number.isInteger(set) ? set : fallback;
}

/** Strings that break naive code, by what they break. Each is a whole cell or field value. */
export const HOSTILE_STRINGS: Readonly<Record<string, readonly string[]>> = {
  control: ['\u0000', 'Mill\u0000Lane', 'a\u0001b', '\u001b[31mred', 'del\u007f', 'next\u0085line', 'line\u2028sep', 'bell\u0007', 'back\bspace'],
  newlines: ['two\nlines', 'two\r\nlines', 'cr\ronly', '\n', 'tab\there'],
  quotes: ['"', 'a"b', '""', "'", "O'Brien\"", '\\"', '"quoted"', '`tick`'],
  formula: ['=1+1', '+44 1632', '-2+3', '@SUM(A1:A9)', '\t=1+1', '\r=1+1', '=HYPERLINK("http://example.invalid","x")', "=cmd|' /C calc'!A0", '=', '+', '-', '@'],
  unicode: [
    '\u202Egnp.exe',
    'Sandra\u202E',
    'Jo\u200Dhn',
    'Zo\u200Ce',
    'Zoë 👩‍👩‍👧',
    'Kelly🙂',
    '🏠 27 Mill Lane',
    'Zoe\u0301',
    '\uFEFFSandra',
    'محمد',
    'Ωμέγα',
    '李小龍',
    '\u00a0',
    '\u3000',
    '\u2066isolate\u2069',
    'a\uFFFDb',
    '\u{10FFFF}',
  ],
  sql: ["'; DROP TABLE involvements; --", "1' OR '1'='1", '$$; SELECT 1; $$', '\\x00', 'NULL', 'null', 'undefined', '%', '_', '\\'],
  long: ['x'.repeat(61), 'y'.repeat(65), 'z'.repeat(201), 'MB3 4RT MB3 4RT', 'M'.repeat(11), 'A'.repeat(5000)],
  dates: ['2026-02-30', '0000-01-01', '9999-12-31', '2026-1-1', '1899-12-31', '2024-02-29', '２０２６-１１-０１', '2026-11-01T00:00', '01/11/2026', '2026-13-01', '2026-00-10'],
  numbers: ['0', '-1', '1e3', '9999999999999', '0x10', 'NaN', 'Infinity', '١٢٣', '1.5', '999999999999', '00012', '-0', ' 1 ', '4294967296', '9007199254740993'],
  blank: ['', ' ', '\t', '   '],
};

export const ALL_HOSTILE: readonly string[] = Object.values(HOSTILE_STRINGS).flat();

/** A string of random code points (never a lone surrogate: a JS string made of those cannot be
 * written as UTF-8), from the whole range, weighted towards ASCII punctuation and controls. */
export function randomText(r: Random, maxLength: number): string {
  const n = r.int(maxLength + 1);
  let s = '';
  for (let i = 0; i < n; i++) {
    const k = r.int(4);
    let cp: number;
    if (k === 0) cp = r.int(0x80);
    else if (k === 1) cp = r.pick([0x22, 0x2c, 0x0a, 0x0d, 0x3d, 0x2b, 0x40, 0x2d, 0x27, 0x5c, 0x00, 0x09]);
    else if (k === 2) cp = r.int(0x3000);
    else cp = r.int(0x110000);
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
    s += String.fromCodePoint(cp);
  }
  return s;
}

/** A hostile value: one of the list, or random text. */
export function hostileValue(r: Random): string {
  return r.chance(0.8) ? r.pick(ALL_HOSTILE) : randomText(r, 40);
}
