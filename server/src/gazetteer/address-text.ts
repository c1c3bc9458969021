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

