// Searching the kept alert list by address text, for when mast cannot be reached. It can only
// say which addresses on the list have alerts: an address it does not find may still be known
// to partners, so nothing here ever reads "not known".
import type { Alert } from '@mast/shared';

export interface AlertedAddress {
  uprn: string;
  label: string;
  postcode: string;
  alerts: Alert[];
}

function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
}

const compact = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * Every word typed must start a word of the address or its postcode, and a number must be one
 * of its numbers whole ("2 mill lane" is not 27 Mill Lane). A whole postcode typed with or
 * without its space matches too.
 */
export function addressMatches(query: string, address: { label: string; postcode: string }): boolean {
  const typed = words(query);
  if (typed.length === 0) return false;
  if (compact(query) === compact(address.postcode)) return true;
  const own = [...words(address.label), ...words(address.postcode)];
  return typed.every((word) => (/^\d+$/.test(word) ? own.includes(word) : own.some((w) => w.startsWith(word))));
}

/** The alerted addresses on the list that match, one entry per address, in label order. */
export function searchAlertList(alerts: readonly Alert[], query: string): AlertedAddress[] {
  const byUprn = new Map<string, AlertedAddress>();
  for (const alert of alerts) {
    const address = alert.address;
    if (!address || !addressMatches(query, address)) continue;
    const entry = byUprn.get(address.uprn) ?? { ...address, alerts: [] };
    entry.alerts.push(alert);
    byUprn.set(address.uprn, entry);
  }
  return [...byUprn.values()].sort((a, b) => a.label.localeCompare(b.label, 'en-GB', { numeric: true }));
}
