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

/** Upper case, punctuation to spaces, common abbreviations written out. */
export function searchForm(text: string): string {
  return text
    .toUpperCase()
    .replace(/&/g, ' AND ')
    .replace(/[^A-Z0-9 ]+/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .map((t) => ABBREVIATIONS[t] ?? t)
    .join(' ');
}

export function addressSearchText(a: AddressParts & { postcode: string }): string {
  return searchForm(`${addressLabel(a)} ${a.postcode}`);
}

/** The house number a query starts with ("27 mill" -> "27", "flat 4 beech" -> "4"), if any. */
export function leadingHouseNumber(query: string): string | null {
  const m = /^\s*(?:flat\s+)?(\d+[a-z]?)\b/i.exec(query);
  return m ? m[1]!.toUpperCase() : null;
}
