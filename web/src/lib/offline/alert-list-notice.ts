// What the search box says offline about the kept alert list, in UK time: how old it is, when it
// goes, and what it cannot answer.
import { formatWhen } from '../format.ts';

export const NOT_ON_LIST = 'No alert on the list; cannot check partners offline';
export const NO_LIST =
  'Offline, and there is no alert list on this phone (never downloaded, expired or cleared at sign-out). Cannot check partners offline.';

/** "06:10" today, else "21:45 yesterday" or "06:10 on 14 Nov 2026". */
function when(iso: string, now: Date): string {
  return formatWhen(iso, now).replace(/ today$/, '');
}

/** "Offline: alert list as of 06:10, expires 18:10". */
export function offlineListNotice(list: { generatedAt: string; expiresAt: string }, now: Date): string {
  return `Offline: alert list as of ${when(list.generatedAt, now)}, expires ${when(list.expiresAt, now)}`;
}

/** The list's age on the alert list page: "Alert list on this phone: as of 06:10, expires 18:10". */
export function keptListNotice(list: { generatedAt: string; expiresAt: string }, now: Date): string {
  return `Alert list on this phone: as of ${when(list.generatedAt, now)}, expires ${when(list.expiresAt, now)}`;
}

/** What the search box says offline: the list's age and expiry (or that there is none), then what it found. */
export function offlineSearchStatus(list: { generatedAt: string; expiresAt: string } | null, found: number, now: Date): string[] {
  if (!list) return [NO_LIST];
  const notice = offlineListNotice(list, now);
  if (found === 0) return [notice, NOT_ON_LIST];
  const addresses = found === 1 ? '1 address' : `${found} addresses`;
  return [notice, `${addresses} with alerts on the list. Not the one? ${NOT_ON_LIST}.`];
}
