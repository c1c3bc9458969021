import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AlertListResponse } from '@mast/shared';
import { makeList } from './alert-list-fixture.ts';

const { listAlerts } = vi.hoisted(() => ({ listAlerts: vi.fn<() => Promise<AlertListResponse>>() }));
vi.mock('../api.ts', async (original) => ({ ...(await original<typeof import('../api.ts')>()), listAlerts }));

const { downloadAlertList, stopKeepingAlertList } = await import('./alert-list-sync.ts');
const { readAlertList } = await import('./alert-list-store.ts');

afterEach(async () => {
  await stopKeepingAlertList();
});

describe('downloadAlertList', () => {
  it('keeps the list it fetched, and hands it back without its key', async () => {
    const now = Date.now();
    const list = makeList({ generatedAt: new Date(now).toISOString(), expiresAt: new Date(now + 12 * 3600_000).toISOString() });
    listAlerts.mockResolvedValueOnce(list);
    const got = await downloadAlertList();
    expect(got).not.toHaveProperty('listKey');
    const kept = await readAlertList(new Date());
    expect(kept.state === 'kept' && kept.list.alerts.length).toBe(list.alerts.length);
  });

  it('leaves nothing behind when the user signs out while it downloads', async () => {
    const now = Date.now();
    let answer!: (list: AlertListResponse) => void;
    listAlerts.mockReturnValueOnce(new Promise((resolve) => (answer = resolve)));
    const download = downloadAlertList();
    await stopKeepingAlertList();
    answer(makeList({ generatedAt: new Date(now).toISOString(), expiresAt: new Date(now + 12 * 3600_000).toISOString() }));
    await expect(download).rejects.toThrow(/Signed out/);
    expect(await readAlertList(new Date())).toEqual({ state: 'none' });
  });
});
