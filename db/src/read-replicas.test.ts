// Reads from a real streaming replica on loopback: taken while it is caught up, left when its
// replay falls behind the bound or it stops (the primary answers, no error), taken again when it
// is back. Runs on its own pair of clusters whichever backend the other tests use.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDatabase, type Database, type Db } from './client.ts';
import { openReadReplicas, primaryReads, type Reads } from './read-replicas.ts';
import { replicaPairUnavailable, startReplicaPair, type ReplicaPair } from './test-replica-pair.ts';

const unavailable = replicaPairUnavailable();
const inRecovery = async (db: Db) => ((await db.execute(sql`SELECT pg_is_in_recovery() AS r`)) as unknown as { rows: { r: boolean }[] }).rows[0]!.r;
const waitFor = async (what: () => Promise<boolean> | boolean, timeoutMs = 20_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await what())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
};

describe('reads with no replica', () => {
  it('are the primary itself', async () => {
    const primary = await openDatabase({ dataDir: 'memory://' });
    try {
      expect(primaryReads(primary).pick()).toEqual({ db: primary.db, servedBy: 'primary', lagSeconds: null });
      await expect(openReadReplicas(primary, 'postgres://x', ['postgres://y'], { maxLagSeconds: 5 })).rejects.toThrow(/PostgreSQL primary/);
    } finally {
      await primary.close();
    }
  });
});

describe.skipIf(unavailable !== undefined)(`reads from a streaming replica${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  let pair: ReplicaPair;
  let primary: Database;
  let reads: Reads;

  beforeAll(async () => {
    pair = await startReplicaPair();
    primary = await openDatabase({ url: pair.primaryUrl, poolSize: 4 });
    await primary.query(sql`CREATE TABLE sightings (id int PRIMARY KEY)`);
    await pair.caughtUp();
    reads = await openReadReplicas(primary, pair.primaryUrl, [pair.replicaUrl], { maxLagSeconds: 1, checkEveryMs: 200 });
    // Caught up as of a check, which the primary's own background writes may leave for the next.
    await waitFor(() => reads.pick().servedBy === 'replica');
  }, 120_000);
  afterAll(async () => {
    await reads?.close();
    await primary?.close();
    pair?.drop();
  });

  it('reads from the replica while it is caught up, and sees what the primary wrote once replayed', async () => {
    const source = reads.pick();
    expect(source.servedBy).toBe('replica');
    expect(source.lagSeconds).toBeLessThanOrEqual(1);
    expect(await inRecovery(source.db)).toBe(true);
    await primary.query(sql`INSERT INTO sightings VALUES (1)`);
    await pair.caughtUp();
    const seen = (await reads.pick().db.execute(sql`SELECT count(*)::int AS n FROM sightings`)) as unknown as { rows: { n: number }[] };
    expect(seen.rows[0]!.n).toBe(1);
  });

  it('stays with a caught-up replica while the primary is idle', async () => {
    await pair.caughtUp();
    // Several bounds' worth of an idle primary: no new WAL, so the replica is as fresh as it.
    await new Promise((r) => setTimeout(r, 2500));
    expect(reads.pick().servedBy).toBe('replica');
  });

  it('leaves a replica whose replay is held back once it is older than the bound, and takes it again when it catches up', async () => {
    await pair.pauseReplay();
    try {
      await primary.query(sql`INSERT INTO sightings VALUES (2)`);
      await waitFor(() => reads.pick().servedBy === 'primary');
      const source = reads.pick();
      expect(await inRecovery(source.db)).toBe(false);
      // What the replica does not yet show is read all the same.
      const seen = (await source.db.execute(sql`SELECT count(*)::int AS n FROM sightings WHERE id = 2`)) as unknown as { rows: { n: number }[] };
      expect(seen.rows[0]!.n).toBe(1);
    } finally {
      await pair.resumeReplay();
    }
    await waitFor(() => reads.pick().servedBy === 'replica');
    expect(await inRecovery(reads.pick().db)).toBe(true);
  }, 30_000);

  it('answers from the primary when the replica stops, even before a check has seen it stop, and goes back when it returns', async () => {
    // Checked once a minute: only the failing statement itself can tell that the replica is gone.
    const slow = await openReadReplicas(primary, pair.primaryUrl, [pair.replicaUrl], { maxLagSeconds: 120, checkEveryMs: 60_000 });
    try {
      expect(await inRecovery(slow.pick().db)).toBe(true);
      await pair.stopReplica();
      try {
        const picked = slow.pick();
        expect(picked.servedBy).toBe('replica');
        // The statement goes to the primary instead, no error; the replica is left from then on.
        expect(await inRecovery(picked.db)).toBe(false);
        expect(slow.pick().servedBy).toBe('primary');
        await reads.check();
        expect(reads.pick().servedBy).toBe('primary');
      } finally {
        await pair.startReplica();
      }
      await waitFor(() => reads.pick().servedBy === 'replica');
      expect(await inRecovery(reads.pick().db)).toBe(true);
      await slow.check();
      expect(slow.pick().servedBy).toBe('replica');
    } finally {
      await slow.close();
    }
  }, 60_000);

  it('raises a query error of its own as the primary would, without leaving the replica', async () => {
    const source = reads.pick();
    expect(source.servedBy).toBe('replica');
    await expect(source.db.execute(sql`SELECT * FROM no_such_table`)).rejects.toThrow();
    expect(reads.pick().servedBy).toBe('replica');
  });
});
