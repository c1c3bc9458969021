// The last search for a person and its answer, kept in this tab's memory only (never in the URL,
// the history or storage), so that going back from a person's page finds the results still there
// rather than asking for the name again. Kept for one user, for a short while, and forgotten on
// signing out or when the session ends.
import type { PersonSearchResponse } from '@mast/shared';
import type { PersonSearchForm } from './person-search.ts';

export interface KeptSearch {
  form: PersonSearchForm;
  answer: { response: PersonSearchResponse; dateOfBirthGiven: boolean } | null;
}

/** Long enough to look at a result or two and come back; short enough not to outlast a visit. */
export const KEEP_FOR_MS = 15 * 60_000;

let kept: (KeptSearch & { username: string; at: number }) | null = null;

export function keepSearch(username: string, search: KeptSearch, now = Date.now()): void {
  kept = { username, at: now, form: structuredClone(search.form), answer: search.answer };
}

/** The search this user made last, if it is recent. */
export function keptSearch(username: string, now = Date.now()): KeptSearch | null {
  if (!kept || kept.username !== username || now - kept.at > KEEP_FOR_MS) return null;
  return { form: structuredClone(kept.form), answer: kept.answer };
}

export function forgetSearch(): void {
  kept = null;
}
