// Downloads the alert list for the signed-in session and keeps it on the phone, sealed (see
// alert-list-store.ts): once when the app opens signed in, and when asked ("Update the list").
// Throws it away at expiry (a timer, and a check whenever the app comes back into view), and at
// sign-out. Only for roles that look addresses up: the others have no alerts to carry.
import { ApiRequestError, getPurposes, listAlerts } from '../api.ts';
import type { User } from '@mast/shared';
import type { AlertListContent } from './alert-list-cipher.ts';
import { msUntilExpiry } from './alert-list-expiry.ts';
import { purgeAlertList, purgeIfExpired, saveAlertList, type KeptTimes } from './alert-list-store.ts';

let timer: ReturnType<typeof setTimeout> | undefined;
// Bumped at sign-out: a download still under way then must not leave its list behind.
let generation = 0;

/** Purges an expired list, and sets the timer for the one still kept; its times, or null for none. */
export async function checkExpiry(): Promise<KeptTimes | null> {
  clearTimeout(timer);
  const kept = await purgeIfExpired(new Date());
  if (kept) timer = setTimeout(() => void checkExpiry(), Math.max(msUntilExpiry(kept.expiresAt, new Date()), 1000));
  return kept;
}

/** Fetches the list and keeps it, sealed with the user it was given to; the list as kept (without its key). Throws what the API threw. */
export async function downloadAlertList(user?: User): Promise<AlertListContent> {
  const mine = generation;
  const { listKey, ...fetched } = await listAlerts();
  const content: AlertListContent = { ...fetched, ...(user && { user }) };
  await saveAlertList({ listKey, ...content });
  if (mine !== generation) {
    await purgeAlertList();
    throw new Error('Signed out while the alert list was downloading');
  }
  await checkExpiry();
  return content;
}

/** Started by the signed-in pages; the function it returns stops the checks (not the list). */
export function keepAlertList(user: User): () => void {
  const onVisible = () => {
    if (document.visibilityState === 'visible') void checkExpiry();
  };
  document.addEventListener('visibilitychange', onVisible);
  void (async () => {
    await checkExpiry();
    const { purposes } = await getPurposes(user.username);
    if (purposes.length === 0) return;
    await downloadAlertList(user);
  })().catch((err: unknown) => {
    // No signal: a list already kept stands until it expires. A 401 has purged it already; a
    // refusal (the role no longer looks addresses up) means this user keeps none.
    if (err instanceof ApiRequestError && err.status === 403) void purgeAlertList().catch(() => {});
  });
  return () => {
    document.removeEventListener('visibilitychange', onVisible);
  };
}

/** Sign-out: the list and its key go before the session does. */
export async function stopKeepingAlertList(): Promise<void> {
  generation++;
  clearTimeout(timer);
  await purgeAlertList();
}
