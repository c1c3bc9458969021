// `pnpm start`: serves the API and the built PWA on one origin, on PGlite in a local data
// folder unless DATABASE_URL names a PostgreSQL server. With PostgreSQL, MAST_WORKERS=N runs N
// server processes on one port (node:cluster): they share nothing but the database, as
// processes on separate machines would.
import cluster from 'node:cluster';
import { existsSync, mkdirSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { openDatabase, openReadReplicas, primaryReads } from '@mast/db';
import { readConfig } from './config.ts';
import { createApp } from './app.ts';
import { ensureDemoBorough } from './seed/demo-borough.ts';
import { DEMO_USERS } from './seed/demo-users.ts';
import { DEFAULT_WEB_ROOT } from './http/static-web.ts';
import { startJobWorker } from './jobs/worker.ts';
import { APPLY_UPLOAD, applyUploadHandler, startUploadSweeps } from './feeds/uploads.ts';
import { stopStageWorker } from './feeds/row-stage-pool.ts';
import { RETENTION, retentionHandler, startRetentionSchedule } from './retention/retention-job.ts';
import { EVALUATE_ALERTS, alertEvaluationHandler, startNightlyAlertEvaluation } from './alerts/alert-job.ts';
import { loadAlertRules } from './alerts/rules-file.ts';
import { startSftpServer } from './sftp/sftp-server.ts';
import { applyHeapPolicy } from './runtime/heap-policy.ts';
import { searchIndexFor } from './lookup/address-search.ts';
import { startSessionSweeps } from './auth/session-sweeps.ts';
import { startAuditChainer } from './audit/chainer.ts';

applyHeapPolicy();
const config = readConfig();
// Read now: rules that are not valid stop mast before it serves anything.
const alertRules = loadAlertRules();
// PGlite is one process's embedded database: only PostgreSQL can be shared by several.
const workers = config.databaseUrl ? config.workers : 1;

if (cluster.isPrimary) {
  mkdirSync(config.dataDir, { recursive: true });
  const database = await openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir });
  await database.migrate();
  console.log(`mast: database ${database.backend === 'pglite' ? `PGlite in ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)'}, schema up to date.`);
  if (config.demo) {
    const loaded = await ensureDemoBorough(database, {
      workDir: config.dataDir,
      scale: config.demoScale,
      seed: config.demoSeed,
      log: (line) => console.log(`mast: ${line}`),
      accounts: config.demoAccounts,
    });
    if (loaded) {
      const steps = Object.entries(loaded.steps).map(([k, s]) => `${k} ${s.toFixed(1)} s`).join(', ');
      console.log(`mast: demo borough loaded in ${loaded.seconds.toFixed(1)} s (${steps}).`);
    }
    if (!config.demoAccounts) console.log('mast: demo accounts not created (DATABASE_URL is set or HOST is not loopback); MAST_DEMO_ACCOUNTS=1 asks for them.');
  }
  if (!existsSync(DEFAULT_WEB_ROOT)) console.warn('mast: web/build is missing: run `pnpm build` (pnpm start does) to serve the app.');
  if (workers > 1) {
    await database.close();
    for (let i = 0; i < workers; i++) cluster.fork();
    let listening = 0;
    cluster.on('listening', () => {
      if (++listening === workers) announce(`${workers} processes`);
    });
    // A worker that dies is replaced: officers keep getting answers.
    cluster.on('exit', (_worker, code, signal) => {
      if (signal !== 'SIGTERM' && signal !== 'SIGINT') {
        console.error(`mast: a server process ended (${signal ?? code}); starting another.`);
        cluster.fork();
      }
    });
    const stop = () => {
      for (const w of Object.values(cluster.workers ?? {})) w?.kill('SIGTERM');
      process.exit(0);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  } else {
    await serveWith(database);
  }
} else {
  await serveWith(await openDatabase({ url: config.databaseUrl! }));
}

async function serveWith(database: Awaited<ReturnType<typeof openDatabase>>) {
  // Every process takes durable jobs (uploads to apply) from the shared queue in the database.
  const jobs = startJobWorker(
    database,
    {
      [APPLY_UPLOAD]: applyUploadHandler(database, { rowStage: config.ingestRowStage }),
      [RETENTION]: retentionHandler(database, { dataDir: config.dataDir }),
      [EVALUATE_ALERTS]: alertEvaluationHandler(database, alertRules),
    },
    { leaseMs: config.jobLeaseMs },
  );
  // The day's retention run is queued once a day however many processes ask (a dedupe key).
  const retention = startRetentionSchedule(database, { onScheduled: () => jobs.wake() });
  // The trigger rules run after every upload (queued with it) and once a night.
  const nightlyAlerts = startNightlyAlertEvaluation(database, { onScheduled: () => jobs.wake() });
  // Raw files no job needs and reports a stopped process left unwritten: at start and every few minutes.
  const uploadSweeps = startUploadSweeps(database, config.dataDir);
  // Sessions past their limits are removed from the table (they already stopped working).
  const sessionSweeps = startSessionSweeps(database, config.sessions);
  // Audit entries are written with each view and linked into the hash chain just after.
  const auditChainer = startAuditChainer(database);
  // Lookups read from a caught-up replica where there is one; a replica that cannot be reached at
  // start is only a slower start of the reads from it, never a server that does not come up.
  const reads =
    config.replicaUrls.length > 0
      ? await openReadReplicas(database, config.databaseUrl!, config.replicaUrls, { maxLagSeconds: config.replicaMaxLagSeconds })
      : primaryReads(database);
  if (config.replicaUrls.length > 0 && (cluster.isPrimary || cluster.worker?.id === 1)) {
    console.log(`mast: lookups read from ${config.replicaUrls.length} replica(s) while within ${config.replicaMaxLagSeconds} s of the primary (now: ${reads.pick().servedBy}).`);
  }
  const app = createApp({
    database,
    reads,
    dataDir: config.dataDir,
    jobs,
    uploads: config.uploads,
    sessions: config.sessions,
    requireSecondFactor: config.requireSecondFactor,
    alertListHours: config.alertListHours,
    bulkRead: { limits: config.bulkReadLimits },
    trustProxy: config.trustProxy,
    ...(config.publicOrigin !== undefined && { publicOrigin: config.publicOrigin }),
    inviteHours: config.inviteHours,
  });
  // The search's copy of the gazetteer is made now (from where lookups read), not on the first officer's search.
  searchIndexFor(reads.pick().db).catch(() => console.error('mast: the address search could not read the gazetteer yet; it will try again on the first search.'));
  // Partners also push files by SFTP; several processes share its port as they share HTTP's.
  // A port already taken leaves the lookups running (officers rely on them) and says so.
  const sftp = config.sftp
    ? await startSftpServer({
        database,
        dataDir: config.dataDir,
        port: config.sftpPort,
        host: config.host,
        jobs,
        maxUploadBytes: config.uploads.maxBytes,
        uploadsPerHour: config.uploads.perHour,
        reportDays: config.sftpReportDays,
      }).catch((e: NodeJS.ErrnoException) => {
        console.error(`mast: SFTP not started on port ${config.sftpPort} (${e.code ?? e.message})`);
        return undefined;
      })
    : undefined;
  if (sftp && (cluster.isPrimary || cluster.worker?.id === 1)) console.log(`mast: SFTP for partner files on ${config.host}:${sftp.port}, host key ${sftp.hostKeyFingerprint}`);
  // Requests still being answered when a stop is asked for (their client may already be gone).
  let inFlight = 0;
  const fetch = async (request: Request, env: unknown) => {
    inFlight++;
    try {
      return await app.fetch(request, env as never);
    } finally {
      inFlight--;
    }
  };
  const server = serve({ fetch, port: config.port, hostname: config.host }, () => {
    if (cluster.isPrimary) announce('1 process');
  });
  // A stray rejection must not take down a server that officers rely on.
  process.on('unhandledRejection', (reason) => console.error(`mast: unhandled rejection: ${(reason as Error)?.name ?? 'unknown'}`));
  // Stop taking requests, finish those in flight, then close the database; at most five seconds.
  const shutdown = async () => {
    server.close();
    (server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
    retention.stop();
    nightlyAlerts.stop();
    sessionSweeps.stop();
    const sftpClosed = sftp?.close().catch(() => {});
    const deadline = Date.now() + 5000;
    while (inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    // A job still running is left to its lease: another process takes it if this one stops first.
    await Promise.race([Promise.all([jobs.stop(), sftpClosed, uploadSweeps.stop()]), new Promise((r) => setTimeout(r, Math.max(0, deadline - Date.now())))]);
    await auditChainer.stop();
    // The kept row-stage worker holds the gazetteer index (process.exit would end it too).
    await stopStageWorker().catch(() => {});
    await reads.close().catch(() => {});
    await database.close().catch(() => {});
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

function announce(processes: string) {
  console.log(`mast: listening on http://${config.host}:${config.port} (${processes})`);
  if (config.demo && config.demoAccounts) {
    console.log('mast: demo sign-ins (username / password):');
    for (const u of DEMO_USERS) console.log(`  ${u.username.padEnd(13)} ${u.password.padEnd(24)} ${u.displayName}${u.totp ? ` (second factor: pnpm mast totp-code ${u.username})` : ''}`);
  }
}
