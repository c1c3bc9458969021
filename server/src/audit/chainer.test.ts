// The chainer links what views wrote into the hash chain soon after, and what is left at a stop.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countUnchainedAudit, openTestDatabase, recordAudit, type Database } from '@mast/db';
import { startAuditChainer } from './chainer.ts';
import { verifyAuditChain } from './verify-chain.ts';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

async function waitUntilChained(ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if ((await countUnchainedAudit(database.db)).entries === 0) return true;
    await new Promise((r) => setTimeout(r, 10));
  }
  return false;
}

describe('the audit chainer', () => {
  it('links entries in within a second of their writing, and the rest when it stops', async () => {
    const chainer = startAuditChainer(database, 50);
    try {
      await Promise.all(Array.from({ length: 25 }, (_, i) => recordAudit(database.db, { userId: null, action: 'login', detail: { i } })));
      expect(await waitUntilChained(1000)).toBe(true);
      await recordAudit(database.db, { userId: null, action: 'logout' });
    } finally {
      await chainer.stop();
    }
    expect((await countUnchainedAudit(database.db)).entries).toBe(0);
    const report = await verifyAuditChain(database.db);
    expect(report.problem).toBeNull();
    expect(report.checked).toBeGreaterThanOrEqual(26);
  });
});
