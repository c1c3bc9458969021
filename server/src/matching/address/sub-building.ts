// Sub-building labels (flats) in one canonical form, whichever way they were written, so that
// "Flat 2", "Apartment 2" and "2/10" compare equal, and "Ground Floor Flat", "GFF" and "Ground
// Floor" do too. Floors become F0 (ground), F1, F2...; a basement FB; a lower ground floor FLG.

/** Words that introduce a flat's label: "Flat 2", "Apt 3", "Unit 4". */
export const FLAT_WORDS: ReadonlySet<string> = new Set(['FLAT', 'FLT', 'APARTMENT', 'APT', 'APPT', 'UNIT', 'MAISONETTE', 'STUDIO']);

const ORDINAL_FLOORS: Readonly<Record<string, string>> = {
  GROUND: 'F0', FIRST: 'F1', '1ST': 'F1', SECOND: 'F2', '2ND': 'F2', THIRD: 'F3', '3RD': 'F3', FOURTH: 'F4', '4TH': 'F4', TOP: 'FTOP',
};
/** Initialisms estate agents and housing officers use: GFF is the ground floor flat. */
const FLOOR_INITIALISMS: Readonly<Record<string, string>> = {
  GFF: 'F0', GF: 'F0', GFLAT: 'F0', FFF: 'F1', FF: 'F1', SFF: 'F2', TFF: 'FTOP', LGF: 'FLG', LGFF: 'FLG', BSMT: 'FB',
};
const FLOOR_WORDS = new Set(['FLOOR', 'FLR']);
// The two tables as maps, read for every word of every address: a map takes the word as it is,
// an object only once it is made a property name. (Words are A-Z, 0-9 and -: never a name
// Object.prototype has, so the two always agree.)
const FLOORS_BY_ORDINAL: ReadonlyMap<string, string> = new Map(Object.entries(ORDINAL_FLOORS));
const FLOORS_BY_INITIALISM: ReadonlyMap<string, string> = new Map(Object.entries(FLOOR_INITIALISMS));

/** A flat label in canonical form: "2", "4A", "B", or a floor (F0...). Leading zeros dropped. */
export function canonicalLabel(raw: string): string {
  const m = /^0*(\d+)([A-Z]?)$/.exec(raw);
  return m ? `${m[1] === '' ? '0' : m[1]}${m[2]}` : raw;
}

const LABEL = /^(?:\d+[A-Z]?|[A-Z])$/;

/**
 * Reads a sub-building phrase starting at tokens[i], if there is one: returns its canonical label
 * and how many tokens it used. Recognises "FLAT 2", "FLAT NO 2", "APARTMENT 3", "FLAT B",
 * "GROUND FLOOR FLAT", "GROUND FLOOR", "GFF", "1ST FLOOR FLAT", "BASEMENT FLAT",
 * "LOWER GROUND FLOOR FLAT", "TOP FLOOR FLAT".
 */
export function readSubBuilding(tokens: readonly string[], i: number): { label: string; used: number } | null {
  const t = tokens[i]!;
  const next = tokens[i + 1];
  if (FLAT_WORDS.has(t)) {
    let j = i + 1;
    if (tokens[j] === 'NO' || tokens[j] === 'NUMBER') j++;
    const label = tokens[j];
    if (label !== undefined && LABEL.test(label)) return { label: canonicalLabel(label), used: j - i + 1 };
    // "Flat, Ground Floor" and the like: the floor phrase that follows carries the label.
    if (label !== undefined) {
      const floor = readFloor(tokens, j);
      if (floor) return { label: floor.label, used: j - i + floor.used };
    }
    return null;
  }
  const initial = FLOORS_BY_INITIALISM.get(t);
  if (initial) return { label: initial, used: next === 'FLAT' ? 2 : 1 };
  return readFloor(tokens, i);
}

function readFloor(tokens: readonly string[], i: number): { label: string; used: number } | null {
  const t = tokens[i]!;
  if (t === 'BASEMENT') return { label: 'FB', used: tokens[i + 1] === 'FLAT' ? 2 : 1 };
  let j = i;
  let label: string | undefined;
  if (t === 'LOWER' && tokens[i + 1] === 'GROUND') {
    label = 'FLG';
    j = i + 2;
  } else {
    label = FLOORS_BY_ORDINAL.get(t);
    j = i + 1;
  }
  // An ordinal is a floor only when "FLOOR" follows ("First Avenue" is a street).
  if (!label || !FLOOR_WORDS.has(tokens[j] ?? '')) return null;
  j++;
  if (tokens[j] === 'FLAT') j++;
  return { label, used: j - i };
}

/**
 * The position of a flat among its building's flats, for labels that may stand for one another:
 * Flat 1, Flat A and the ground floor flat are often the same home written three ways. Null
 * for labels with no order.
 */
export function labelOrdinal(label: string): number | null {
  if (/^\d+$/.test(label)) return Number(label);
  if (/^[A-Z]$/.test(label)) return label.charCodeAt(0) - 64;
  const floor = /^F(\d)$/.exec(label);
  return floor ? Number(floor[1]) + 1 : null;
}

/** Labels of different kinds (a floor and a number or letter) at the same position. */
export function sameOrdinalOtherKind(a: string, b: string): boolean {
  const fa = a.startsWith('F') && a.length > 1;
  const fb = b.startsWith('F') && b.length > 1;
  if (fa === fb) return false;
  const oa = labelOrdinal(a);
  return oa !== null && oa === labelOrdinal(b);
}

/** Parses a gazetteer sub_building field ("Flat 4", "Ground Floor Flat", "Flat B", "Unit 3"). */
export function gazetteerSubLabel(tokens: readonly string[]): string | null {
  if (tokens.length === 0) return null;
  const read = readSubBuilding(tokens, 0);
  if (read) return read.label;
  // A bare label ("4", "B") or some other form ("Annexe"): compared as written.
  return tokens.length === 1 ? canonicalLabel(tokens[0]!) : tokens.join(' ');
}
