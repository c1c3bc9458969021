import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importListKey, openAlertList } from './alert-list-cipher.ts';
import { LIST_ID, openOfflineDb, type OfflineDb } from './alert-list-db.ts';
import { makeList, makeListKey } from './alert-list-fixture.ts';
import { purgeAlertList, purgeIfExpired, readAlertList, saveAlertList } from './alert-list-store.ts';

let db: OfflineDb;
let n = 0;
beforeEach(() => {
  db = openOfflineDb(`mast-offline-test-${++n}`);
});
afterEach(async () => {
  await db.delete();
});

const before = new Date('2026-11-20T12:00:00Z');

describe('the kept alert list', () => {
  it('is stored sealed: a key that cannot be exported, ciphertext, and the two times, never the plaintext', async () => {
    const list = makeList();
    await saveAlertList(list, db);
    const stored = (await db.alertLists.get(LIST_ID))!;
    expect(Object.keys(stored).sort()).toEqual(['ciphertext', 'expiresAt', 'generatedAt', 'id', 'iv', 'key']);
    expect(stored.key.extractable).toBe(false);
    expect(stored.key.algorithm).toMatchObject({ name: 'AES-GCM', length: 256 });
    expect(stored.generatedAt).toBe(list.generatedAt);
    expect(stored.expiresAt).toBe(list.expiresAt);
    const bytes = new TextDecoder('latin1').decode(stored.ciphertext);
    expect(bytes).not.toContain('Mill Lane');
    expect(bytes).not.toContain(list.listKey);
  });

  it('reads back decrypted before it expires, without its key', async () => {
    const list = makeList();
    await saveAlertList(list, db);
    const kept = await readAlertList(before, db);
    expect(kept.state).toBe('kept');
    if (kept.state !== 'kept') return;
    const { listKey: _key, ...content } = list;
    expect(kept.list).toEqual(content);
    expect(kept.list).not.toHaveProperty('listKey');
  });

  it('cannot be decrypted with another session\'s key', async () => {
    await saveAlertList(makeList(), db);
    const stored = (await db.alertLists.get(LIST_ID))!;
    const other = await importListKey(makeListKey());
    await expect(openAlertList(other, stored)).rejects.toThrow();
  });

  it('does not decrypt once its expiry was changed on disk, and such a copy is thrown away', async () => {
    await saveAlertList(makeList(), db);
    const stored = (await db.alertLists.get(LIST_ID))!;
    await db.alertLists.put({ ...stored, expiresAt: '2026-11-30T18:10:00Z' });
    await expect(openAlertList(stored.key, { ...stored, expiresAt: '2026-11-30T18:10:00Z' })).rejects.toThrow();
    expect(await readAlertList(before, db)).toEqual({ state: 'none' });
    expect(await db.alertLists.count()).toBe(0);
  });

  it('is purged, key and all, when read after it expired', async () => {
    await saveAlertList(makeList(), db);
    expect(await readAlertList(new Date('2026-11-20T18:10:00Z'), db)).toEqual({ state: 'none' });
    expect(await db.alertLists.count()).toBe(0);
  });

  it('is purged at sign-out, and a new download replaces the old', async () => {
    await saveAlertList(makeList({ rulesVersion: 'old' }), db);
    await saveAlertList(makeList({ rulesVersion: 'new' }), db);
    expect(await db.alertLists.count()).toBe(1);
    const kept = await readAlertList(before, db);
    expect(kept.state === 'kept' && kept.list.rulesVersion).toBe('new');
    await purgeAlertList(db);
    expect(await db.alertLists.count()).toBe(0);
    expect(await readAlertList(before, db)).toEqual({ state: 'none' });
  });

  it('refuses a key that is not 256 bits', async () => {
    await expect(saveAlertList(makeList({ listKey: 'c2hvcnQ' }), db)).rejects.toThrow(/256 bits/);
    expect(await db.alertLists.count()).toBe(0);
  });
});

describe('purgeIfExpired', () => {
  it('keeps a list until its expiry and throws it away from then on', async () => {
    const list = makeList();
    await saveAlertList(list, db);
    expect(await purgeIfExpired(before, db)).toEqual({ generatedAt: list.generatedAt, expiresAt: list.expiresAt });
    expect(await db.alertLists.count()).toBe(1);
    expect(await purgeIfExpired(new Date(list.expiresAt), db)).toBeNull();
    expect(await db.alertLists.count()).toBe(0);
    expect(await purgeIfExpired(before, db)).toBeNull();
  });
});
