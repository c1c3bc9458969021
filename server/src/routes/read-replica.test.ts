// Lookups through the API with a real streaming replica on loopback: read from the replica while
// it is caught up (the answer says so), audited on the primary, never staler than the bound when
// replay falls behind, and answered by the primary, with no error, when the replica stops under
// load; read from the replica again once it is back. Its own pair of clusters, whichever backend
// the other tests use.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AddressSummarySchema, HealthSchema } from '@mast/shared';
import { openDatabase, openReadReplicas, sql, type Database, type Reads } from '@mast/db';
import { replicaPairUnavailable, startReplicaPair, type ReplicaPair } from '@mast/db/test-replica-pair';
import { createApp } from '../app.ts';
import { loadGazetteer } from '../gazetteer/load-reference-data.ts';
import { GAZETTEER_CSV, loadSmallBorough, tempFiles, type TempFiles } from '../test/small-borough.ts';
import { NOW, signedInAs } from '../test/agreement-borough.ts';
import { READ_FROM_HEADER } from '../http/read-from.ts';

const unavailable = replicaPairUnavailable();
const MILL_LANE = '100000000001';
const NEW_ADDRESS = '100000000099';

describe.skipIf(unavailable !== undefined)(`lookups with a streaming replica${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  let pair: ReplicaPair;
  let primary: Database;
  let files: TempFiles;
  let reads: Reads;
  let app: ReturnType<typeof createApp>;
  let cookie: string;
  const summary = (uprn: string) => app.request(`/api/addresses/${uprn}?purpose=attending-incident&reference=INC-1`, { headers: { cookie } });
  const views = async () => (await primary.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_events WHERE action = 'view-address'`))[0]!.n;
  const waitFor = async (what: () => Promise<boolean>, timeoutMs = 20_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await what())) {
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const servedBy = async () => (await summary(MILL_LANE)).headers.get(READ_FROM_HEADER);

  beforeAll(async () => {
    pair = await startReplicaPair();
    primary = await openDatabase({ url: pair.primaryUrl, poolSize: 8 });
    await primary.migrate();
    files = tempFiles();
    await loadSmallBorough(primary, files);
    cookie = (await signedInAs(primary, 'police/responder')).cookie;
    await pair.caughtUp();
    reads = await openReadReplicas(primary, pair.primaryUrl, [pair.replicaUrl], { maxLagSeconds: 1, checkEveryMs: 200 });
    app = createApp({ database: primary, reads, now: () => NOW, webRoot: false, dataDir: files.dir });
    // Caught up as of a check, which the primary's own background writes may leave for the next.
    await waitFor(async () => reads.pick().servedBy === 'replica');
  }, 120_000);
  afterAll(async () => {
    await reads?.close();
    await primary?.close();
    files?.remove();
    pair?.drop();
  });

  it('reads an address from the caught-up replica, says so, and audits the view on the primary', async () => {
    const before = await views();
    const res = await summary(MILL_LANE);
    expect(res.status).toBe(200);
    expect(res.headers.get(READ_FROM_HEADER)).toMatch(/^replica; lag=\d+(\.\d)?$/);
    const body = AddressSummarySchema.parse(await res.json());
    expect(body.readFrom?.servedBy).toBe('replica');
    expect(body.readFrom!.lagSeconds).toBeLessThanOrEqual(1);
    // The replica is read-only: the view could only have been written on the primary.
    expect(await views()).toBe(before + 1);
    const search = await app.request('/api/addresses?q=mill+lane', { headers: { cookie } });
    expect(search.status).toBe(200);
    expect(search.headers.get(READ_FROM_HEADER)).toMatch(/^replica/);
    const alerts = await app.request('/api/alerts', { headers: { cookie } });
    expect(alerts.status).toBe(200);
    expect(alerts.headers.get(READ_FROM_HEADER)).toMatch(/^replica/);
    // A monitor sees the same from the health check.
    const health = HealthSchema.parse(await (await app.request('/api/health')).json());
    expect(health.lookupsReadFrom).toBe('replica');
    expect(health.replicaLagSeconds).toBeLessThanOrEqual(1);
  });

  it('while replay is held back, shows the lag of what it reads, and reads from the primary once the lag passes the bound', async () => {
    const loose = await openReadReplicas(primary, pair.primaryUrl, [pair.replicaUrl], { maxLagSeconds: 60, checkEveryMs: 200 });
    const looseApp = createApp({ database: primary, reads: loose, now: () => NOW, webRoot: false, dataDir: files.dir });
    await pair.pauseReplay();
    try {
      await loadGazetteer(primary, files.write('more.csv', `${GAZETTEER_CSV}${NEW_ADDRESS},,,,99,Mill Lane,Northfield,Mastbury,MB3 4RT,52.58,-1.98\n`));
      await new Promise((r) => setTimeout(r, 1500));
      await loose.check();
      // Within a 60 s bound the replica is still read, and the answer says how far behind it may be.
      const behind = await looseApp.request(`/api/addresses/${NEW_ADDRESS}?purpose=attending-incident&reference=INC-1`, { headers: { cookie } });
      expect(behind.status).toBe(404);
      const lag = Number(/lag=([\d.]+)/.exec(behind.headers.get(READ_FROM_HEADER) ?? '')?.[1]);
      expect(lag).toBeGreaterThanOrEqual(1);
      // Within a 1 s bound it is not: the primary answers, with the new address.
      const res = await summary(NEW_ADDRESS);
      expect(res.headers.get(READ_FROM_HEADER)).toBe('primary');
      expect(res.status).toBe(200);
      expect(AddressSummarySchema.parse(await res.json()).readFrom).toEqual({ servedBy: 'primary', lagSeconds: null });
    } finally {
      await pair.resumeReplay();
      await loose.close();
    }
    await waitFor(async () => (await servedBy())?.startsWith('replica') ?? false);
    expect((await summary(NEW_ADDRESS)).status).toBe(200);
  }, 60_000);

  it('keeps answering under load when the replica stops, from the primary and without an error, and reads from the replica again once it is back', async () => {
    const statuses: number[] = [];
    const sources = new Set<string>();
    let stop = false;
    const client = async () => {
      while (!stop) {
        const res = await summary(MILL_LANE);
        statuses.push(res.status);
        sources.add(res.headers.get(READ_FROM_HEADER)!.split(';')[0]!);
        await res.arrayBuffer();
      }
    };
    const clients = Array.from({ length: 4 }, client);
    try {
      await new Promise((r) => setTimeout(r, 500));
      await pair.stopReplica();
      await new Promise((r) => setTimeout(r, 1500));
    } finally {
      stop = true;
      await Promise.all(clients);
    }
    expect(statuses.length).toBeGreaterThan(8);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    expect([...sources].sort()).toEqual(['primary', 'replica']);
    expect(await servedBy()).toBe('primary');
    expect(HealthSchema.parse(await (await app.request('/api/health')).json())).toMatchObject({ status: 'ok', lookupsReadFrom: 'primary', replicaLagSeconds: null });
    await pair.startReplica();
    await waitFor(async () => (await servedBy())?.startsWith('replica') ?? false);
  }, 60_000);
});
