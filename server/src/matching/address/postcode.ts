// UK postcodes: parse, validate and compare. A postcode is evidence for a match, never the key:
// one in ten partner rows has none and a few have one character wrong, so the matcher asks how
// far a typed postcode agrees with a candidate's (full, one character off, sector, district).

export interface Postcode {
  /** "MB3 4RT" */
  full: string;
  /** "MB3" */
  outward: string;
  /** "MB3 4" */
  sector: string;
  /** Follows the Royal Mail's letter rules (a mistyped one may still be well formed). */
  valid: boolean;
}

// Loose shape, so a code with a wrong letter is still recognised and compared.
const SHAPE = /^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$/;
const IN_TEXT = /\b([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})\b/;
// The Royal Mail's rules: no Q, V or X first; no I, J or Z second; limited third and fourth
// letters; and never C, I, K, M, O or V in the inward unit.
const STRICT_OUTWARD = /^(?:[A-PR-UWYZ][0-9][0-9]?|[A-PR-UWYZ][A-HK-Y][0-9][0-9]?|[A-PR-UWYZ][0-9][A-HJKPSTUW]|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY])$/;
const STRICT_INWARD = /^[0-9][ABD-HJLNP-UW-Z]{2}$/;

/** Parses a postcode field: case, spaces and a stray O-for-0 in the sector digit forgiven. */
export function parsePostcode(text: string | null | undefined): Postcode | null {
  if (!text) return null;
  let compact = text.toUpperCase().replace(/[^A-Z0-9]/g, '');
  if (compact.length < 5 || compact.length > 7) return null;
  // The sector is always a digit: "MB3 ORT" is "MB3 0RT".
  const s = compact.length - 3;
  if (compact[s] === 'O') compact = `${compact.slice(0, s)}0${compact.slice(s + 1)}`;
  const m = SHAPE.exec(compact);
  return m ? build(m[1]!, m[2]!) : null;
}

/** Finds a postcode written inside an address ("27 Mill Lane, MB3 4RT"). */
export function findPostcodeInText(upper: string): { postcode: Postcode; start: number; end: number } | null {
  const m = IN_TEXT.exec(upper);
  if (!m) return null;
  return { postcode: build(m[1]!, m[2]!), start: m.index, end: m.index + m[0].length };
}

function build(outward: string, inward: string): Postcode {
  return {
    full: `${outward} ${inward}`,
    outward,
    sector: `${outward} ${inward[0]!}`,
    valid: STRICT_OUTWARD.test(outward) && STRICT_INWARD.test(inward),
  };
}

/** 'district': same district, another sector. 'other-district': the postcode points elsewhere. */
export type PostcodeAgreement = 'full' | 'one-off' | 'sector' | 'district' | 'other-district' | 'none';

/** How a typed postcode agrees with a candidate's. "one-off": one character wrong or two swapped. */
export function comparePostcodes(typed: Postcode | null, candidate: Postcode): PostcodeAgreement {
  if (!typed) return 'none';
  if (typed.full === candidate.full) return 'full';
  if (oneOff(typed.full, candidate.full)) return 'one-off';
  if (typed.sector === candidate.sector) return 'sector';
  if (typed.outward === candidate.outward) return 'district';
  return 'other-district';
}

/** One substitution, or one adjacent transposition, between two same-shaped codes. */
export function oneOff(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let first = -1;
  let diffs = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) {
      if (diffs === 0) first = i;
      diffs++;
      if (diffs > 2) return false;
    }
  }
  if (diffs === 1) return true;
  return diffs === 2 && a[first] === b[first + 1] && a[first + 1] === b[first];
}
