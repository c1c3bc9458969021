// The phone's one IndexedDB database for what mast keeps offline: the alert list, sealed, and the
// key it is sealed under (a CryptoKey object, which cannot be exported). Never plaintext.
import Dexie, { type EntityTable } from 'dexie';
import type { SealedAlertList } from './alert-list-cipher.ts';

/** The one kept list: a new download replaces it. */
export const LIST_ID = 'current';

export interface StoredAlertList extends SealedAlertList {
  id: typeof LIST_ID;
  key: CryptoKey;
}

export type OfflineDb = Dexie & { alertLists: EntityTable<StoredAlertList, 'id'> };

export const OFFLINE_DB_NAME = 'mast-offline';

export function openOfflineDb(name = OFFLINE_DB_NAME): OfflineDb {
  const db = new Dexie(name) as OfflineDb;
  db.version(1).stores({ alertLists: 'id' });
  return db;
}
