// How a gazetteer address reads (its label) and the form type-ahead compares against (its
// search text). A query goes through searchForm too, so both sides are normalised alike.
import { ABBREVIATIONS } from '../matching/address-normalise.ts';

export interface AddressParts {
  subBuilding: string | null;
  buildingName: string | null;
  buildingNumber: string | null;
  street: string;
  locality: string | null;
  town: string;
}

export function addressLabel(a: AddressParts): string {
  const parts: string[] = [];
  if (a.subBuilding) parts.push(a.subBuilding);
  if (a.buildingName) parts.push(a.buildingName);
  parts.push(a.buildingNumber ? `${a.buildingNumber} ${a.street}` : a.street);
  if (a.locality) parts.push(a.locality);
  parts.push(a.town);
  return parts.join(', ');
}

/**
 * Upper case, punctuation to spaces, common abbreviations written out. "ST" is Saint at the
 * start of a name (after any number: "27 St Mary's Rd") and Street after a word ("High St").
 */
export function searchForm(text: string): string {
  const tokens = text
    .toUpperCase()
    .replace(/&/g, ' AND ')
    .replace(/['’]/g, '')
    .replace(/[^A-Z0-9 ]+/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
  return tokens
    .map((t, i) => {
      if (t === 'ST') return i === 0 || /\d/.test(tokens[i - 1]!) ? 'SAINT' : 'STREET';
      return ABBREVIATIONS[t] ?? t;
    })
    .join(' ');
}


// An outward code and at least the sector digit ("MB3 4"): an outward code alone names a whole
// district, thousands of addresses, which no list of ten can help with.
const POSTCODE_START = /^[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{0,2}$/;

/**
 * Splits what someone typed into the parts type-ahead searches by: a house or flat number
 * ("27 mill", "flat 4 beech", "2/10 high st" -> the flat), a postcode start ("mb3 4rt", "MB34"),
 * and the words that name a street or building.
 */
export function parseAddressQuery(query: string): { words: string | null; houseNumber: string | null; postcodePrefix: string | null } {
  const compact = query.toUpperCase().replace(/\s+/g, '');
  if (POSTCODE_START.test(compact)) return { words: null, houseNumber: null, postcodePrefix: compact };
  const form = searchForm(query.replace(/(\d+)\s*\/\s*\d+/, '$1 '));
  const tokens = form.split(' ').filter(Boolean);
  let houseNumber: string | null = null;
  const words: string[] = [];
  for (const t of tokens) {
    if (houseNumber === null && /^\d+[A-Z]?$/.test(t)) houseNumber = t;
    else if (t !== 'FLAT' && t !== 'APARTMENT' && !/^\d/.test(t)) words.push(t);
  }
  return { words: words.length > 0 ? words.join(' ') : null, houseNumber, postcodePrefix: null };
}
