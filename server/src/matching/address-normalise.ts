// Simple UK address normalisation: the first version, for exact comparison of normalised keys.
// Kept behind matchAddress() so the matching issue can replace it wholesale.

export const ABBREVIATIONS: Record<string, string> = {
  RD: 'ROAD',
  ST: 'STREET',
  AVE: 'AVENUE',
  AV: 'AVENUE',
  LN: 'LANE',
  CL: 'CLOSE',
  CRES: 'CRESCENT',
  CRESC: 'CRESCENT',
  DR: 'DRIVE',
  CT: 'COURT',
  CRT: 'COURT',
  GDNS: 'GARDENS',
  GRN: 'GREEN',
  GR: 'GROVE',
  GRV: 'GROVE',
  PL: 'PLACE',
  SQ: 'SQUARE',
  TER: 'TERRACE',
  TERR: 'TERRACE',
  HSE: 'HOUSE',
  PK: 'PARK',
  WY: 'WAY',
};

const SUB_BUILDING_WORDS = new Set(['FLAT', 'APARTMENT', 'APT', 'UNIT', 'NO']);

/** UK postcode shape (not a validity check: matching only needs to recognise and compare it). */
const POSTCODE_RE = /\b([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})\b/;

export function normalisePostcode(text: string | null | undefined): string | null {
  if (!text) return null;
  const m = POSTCODE_RE.exec(text.toUpperCase());
  return m ? `${m[1]} ${m[2]}` : null;
}

/** Upper case, punctuation to spaces, "2/10" to "2 10", abbreviations expanded. */
export function addressTokens(text: string): string[] {
  const upper = text
    .toUpperCase()
    .replace(POSTCODE_RE, ' ')
    .replace(/&/g, ' AND ')
    .replace(/(\d+)\s*\/\s*(\d+)/g, '$1 $2')
    .replace(/[^A-Z0-9 ]+/g, ' ');
  return upper
    .split(/\s+/)
    .filter((t) => t.length > 0 && !SUB_BUILDING_WORDS.has(t))
    .map((t) => ABBREVIATIONS[t] ?? t);
}

export interface GazetteerParts {
  subBuilding: string | null;
  buildingName: string | null;
  buildingNumber: string | null;
  street: string;
}

/** The keys under which a gazetteer address may be written (with and without the building name). */
export function gazetteerKeys(a: GazetteerParts): string[] {
  const sub = a.subBuilding ? addressTokens(a.subBuilding) : [];
  const name = a.buildingName ? addressTokens(a.buildingName) : [];
  const num = a.buildingNumber ? addressTokens(a.buildingNumber) : [];
  const street = addressTokens(a.street);
  const keys = new Set<string>();
  keys.add([...sub, ...name, ...num, ...street].join(' '));
  if (name.length > 0 && num.length > 0) keys.add([...sub, ...num, ...street].join(' '));
  if (name.length > 0 && num.length > 0) keys.add([...sub, ...name].join(' '));
  return [...keys];
}

/** The key of an address as typed: its tokens, less any trailing locality or town words. */
export function typedAddressKey(text: string, placeWords: ReadonlySet<string>): string {
  const tokens = addressTokens(text);
  while (tokens.length > 1 && placeWords.has(tokens[tokens.length - 1]!)) tokens.pop();
  return tokens.join(' ');
}
