// Keeps the alert list on the phone, sealed under the session's list key, and throws it away:
// on expiry (checked on every read), on sign-out and when the session ends. A read answers with
// the list decrypted, or says plainly that there is none; it never returns an expired list.
import type { AlertListResponse, User } from '@mast/shared';
import { importListKey, openAlertList, sealAlertList, type AlertListContent } from './alert-list-cipher.ts';
import { LIST_ID, openOfflineDb, type OfflineDb } from './alert-list-db.ts';
import { isExpired } from './alert-list-expiry.ts';

let shared: OfflineDb | null = null;
function defaultDb(): OfflineDb {
  shared ??= openOfflineDb();
  return shared;
}

export type KeptAlertList = { state: 'kept'; list: AlertListContent } | { state: 'none' };

export async function saveAlertList(response: AlertListResponse & { user?: User }, db: OfflineDb = defaultDb()): Promise<void> {
  const { listKey, ...content } = response;
  const key = await importListKey(listKey);
  const sealed = await sealAlertList(key, content);
  await db.alertLists.put({ id: LIST_ID, key, ...sealed });
}

export async function purgeAlertList(db: OfflineDb = defaultDb()): Promise<void> {
  await db.alertLists.clear();
}

export interface KeptTimes {
  generatedAt: string;
  expiresAt: string;
}

/** Throws the kept list away if it has expired; the times of the list still kept, or null for none. */
export async function purgeIfExpired(now: Date, db: OfflineDb = defaultDb()): Promise<KeptTimes | null> {
  const stored = await db.alertLists.get(LIST_ID);
  if (!stored) return null;
  if (!isExpired(stored.expiresAt, now)) return { generatedAt: stored.generatedAt, expiresAt: stored.expiresAt };
  await purgeAlertList(db);
  return null;
}

export async function readAlertList(now: Date, db: OfflineDb = defaultDb()): Promise<KeptAlertList> {
  const stored = await db.alertLists.get(LIST_ID);
  if (!stored) return { state: 'none' };
  if (isExpired(stored.expiresAt, now)) {
    await purgeAlertList(db);
    return { state: 'none' };
  }
  try {
    return { state: 'kept', list: await openAlertList(stored.key, stored) };
  } catch {
    // Not readable under its own key: damaged or tampered with, so not to be trusted.
    await purgeAlertList(db);
    return { state: 'none' };
  }
}
