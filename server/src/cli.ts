// `pnpm mast <command>`: the operator's tool. Loads reference data, ingests partner feed files
// through the same pipeline as uploads, and generates the synthetic borough.
// Reports name rows and columns, never the values in them.
import { readFileSync, statSync } from 'node:fs';
import { isFeedId, FEED_IDS, uploadReportText } from '@mast/shared';
import { addSftpKey, listSftpKeys, openDatabase, revokeSftpKey, type Database } from '@mast/db';
import { readConfig } from './config.ts';
import { ingestFeedFile } from './feeds/ingest.ts';
import { FeedFileError } from './feeds/feed-file-error.ts';
import { loadGazetteer, loadTeams, type ReferenceLoadReport } from './gazetteer/load-reference-data.ts';
import { parseSftpPublicKey, PublicKeyError, type SftpPublicKey } from './sftp/public-key.ts';
import { applyHeapPolicy } from './runtime/heap-policy.ts';
import { ensureHeapFor } from './runtime/heap-room.ts';
import { USERS_USAGE, readPasswordFromTerminal, runAccountsCommand } from './accounts/users-cli.ts';

applyHeapPolicy();

const USAGE = `Usage: pnpm mast <command>
  ingest <feed> <file.csv>     validate and apply a partner feed file (feeds: ${FEED_IDS.join(', ')})
  load-gazetteer <file.csv>    load or update the address gazetteer
  load-teams <file.csv>        load or update the partner teams and their duty contacts
  generate [--seed N] [--scale X] [--months 12-36] [--out DIR] [--as-of YYYY-MM-DD]
                               write a synthetic borough's gazetteer, teams and feed files
  docs                         rewrite docs/feed-contracts.md from the contracts
  lookalikes --seed N --out F [--people N]
                               write a labelled file of person records full of look-alikes (twins,
                               namesakes, common names, married names, movers, typing errors)
  match-bench <febrl4|febrl3|synthetic|lookalikes [--seed N] [--feedback K]> [--scale X] | --file F ...
                               person linkage precision, recall, F1 and time on public benchmarks
  address-bench [--scale X] [--seed N] [--holdout F]
                               address-to-UPRN precision, recall, addresses/s and results by address
                               form ("3/17", "17B", street slips) on the synthetic borough
  alerts evaluate [--as-of YYYY-MM-DD]
                               evaluate the trigger rules now; print what each found, raised and
                               updated, the time taken and the share of households alerted
  alerts equality [--as-of YYYY-MM-DD]
                               the people alerted by age band, sex and area beside everyone known
  retention [--as-of YYYY-MM-DD]
                               run retention now (or as of an earlier date) and print what it removed
  sftp-key add <feed> <key.pub> [--label text]
                               let a partner's SFTP client in with its OpenSSH public key
  sftp-key list                the SFTP keys, live and revoked, with their fingerprints
  sftp-key revoke <id>         stop an SFTP key from signing in
  feed-token create <feed> --label TEXT | list | revoke <id>
                               API tokens for partner systems that push files over HTTPS
${USERS_USAGE}
  audit verify [--anchor SEQ:HASH] | anchor [--now]
                               check the audit trail's hash chain; print (or make) an anchor to copy out
  totp-code <demo user>        the demo only: the current second-factor code of a demo account (sergeant)
Database: DATABASE_URL (PostgreSQL) or PGlite in MAST_DATA_DIR (default .data).`;

const MAX_LISTED = 50;

function printRejections(rejections: { row: number; reasons: string[] }[]) {
  for (const r of rejections.slice(0, MAX_LISTED)) console.log(`  row ${r.row}: ${r.reasons.join('; ')}`);
  if (rejections.length > MAX_LISTED) console.log(`  ... and ${rejections.length - MAX_LISTED} more rejected rows (all are kept with the upload).`);
}

function printReference(name: string, r: ReferenceLoadReport) {
  console.log(`${name}: ${r.rows} rows, ${r.accepted} accepted, ${r.rejected} rejected.`);
  printRejections(r.rejections);
}

async function withDatabase<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const config = readConfig();
  const database = await openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir });
  try {
    await database.migrate();
    return await fn(database);
  } finally {
    await database.close();
  }
}

export async function runCli(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  switch (command) {
    case 'ingest': {
      const [feed, file] = args;
      if (!feed || !file) return usage('ingest needs a feed and a file');
      if (!isFeedId(feed)) return usage(`unknown feed; feeds are ${FEED_IDS.join(', ')}`);
      const report = await withDatabase((db) => ingestFeedFile(db, { feed, path: file, rowStage: readConfig().ingestRowStage }));
      // The words a partner finds in their outbox report.
      process.stdout.write(uploadReportText(report.fileName, { report }, { maxRejections: MAX_LISTED }));
      return 0;
    }
    case 'load-gazetteer':
    case 'load-teams': {
      const [file] = args;
      if (!file) return usage(`${command} needs a file`);
      const load = command === 'load-gazetteer' ? loadGazetteer : loadTeams;
      printReference(file, await withDatabase((db) => load(db, file)));
      return 0;
    }
    case 'generate': {
      const { parseGenerateArgs, runGenerate } = await import('./demo/generate-cli.ts');
      let opts;
      try {
        opts = parseGenerateArgs(args);
      } catch (e) {
        return usage((e as Error).message);
      }
      ensureHeapFor(opts.scale ?? 1);
      await runGenerate(opts);
      return 0;
    }
    case 'lookalikes': {
      const { runLookalikes } = await import('./bench/lookalikes/generate.ts');
      runLookalikes(args);
      return 0;
    }
    case 'match-bench': {
      const { runMatchBench } = await import('./bench/match-bench.ts');
      await runMatchBench(args);
      return 0;
    }
    case 'address-bench': {
      const { runAddressBench } = await import('./bench/address-bench.ts');
      await runAddressBench(args);
      return 0;
    }
    case 'feed-token': {
      const { runFeedTokenCommand } = await import('./auth/feed-token-cli.ts');
      const problem = await withDatabase((db) => runFeedTokenCommand(db, args));
      return problem ? usage(problem) : 0;
    }
    case 'sftp-key':
      return sftpKey(args);
    case 'users':
    case 'organisations':
      return withDatabase((db) => runAccountsCommand(db, command, args, { out: console.log, err: console.error, readPassword: readPasswordFromTerminal, now: () => new Date() }));
    case 'audit': {
      const result = await (await import('./audit/audit-cli.ts')).runAuditCommand(args);
      return typeof result === 'string' ? usage(result) : result;
    }
    case 'totp-code': {
      if (!readConfig().demo) return usage('totp-code is for the demo only (MAST_DEMO=0 is set)');
      const { DEMO_USERS, demoTotpKey } = await import('./seed/demo-users.ts');
      const { totpCodeAt } = await import('./auth/second-factor.ts');
      if (!DEMO_USERS.some((u) => u.totp && u.username === args[0])) return usage(`totp-code needs a demo account with a second factor: ${DEMO_USERS.filter((u) => u.totp).map((u) => u.username).join(', ')}`);
      console.log(totpCodeAt(demoTotpKey(), new Date()));
      return 0;
    }
    case 'alerts': {
      if (!((args[0] === 'evaluate' || args[0] === 'equality') && (args.length === 1 || (args.length === 3 && args[1] === '--as-of' && /^\d{4}-\d{2}-\d{2}$/.test(args[2] ?? ''))))) {
        return usage('alerts evaluate|equality takes only --as-of YYYY-MM-DD');
      }
      if (args[0] === 'equality') {
        const { alertEquality } = await import('@mast/db');
        const { formatEqualityReport } = await import('./alerts/equality-report.ts');
        const asOf = args[2] ?? new Date().toISOString().slice(0, 10);
        await withDatabase(async (database) => console.log(formatEqualityReport(await alertEquality(database.db, asOf), asOf)));
        return 0;
      }
      const { loadAlertRules } = await import('./alerts/rules-file.ts');
      const { formatAlertEvaluation } = await import('./alerts/alert-job.ts');
      const { evaluateAlertRules, alertedShare } = await import('@mast/db');
      const rules = loadAlertRules();
      const now = new Date();
      const asOf = args[2] ?? now.toISOString().slice(0, 10);
      await withDatabase(async (database) => {
        const t0 = performance.now();
        const evaluation = await evaluateAlertRules(database.db, rules, asOf, now);
        console.log(formatAlertEvaluation(evaluation, (performance.now() - t0) / 1000));
        const share = await alertedShare(database.db);
        const pct = (n: number, of: number) => (of === 0 ? '0' : ((100 * n) / of).toFixed(2));
        console.log(`households with an open alert: ${share.alerted} (${pct(share.alerted, share.known)}% of the ${share.known} known to any agency, ${pct(share.alerted, share.addresses)}% of all ${share.addresses} addresses)`);
      });
      return 0;
    }
    case 'retention': {
      if (!(args.length === 0 || (args.length === 2 && args[0] === '--as-of'))) return usage('retention takes only --as-of YYYY-MM-DD');
      const now = retentionClock(args[1]);
      if (typeof now === 'string') return usage(now);
      const { runRetention } = await import('@mast/db');
      const { loadPseudonymSecret } = await import('./retention/pseudonym-secret.ts');
      const { formatRetentionCounts } = await import('./retention/retention-job.ts');
      const secret = await loadPseudonymSecret(readConfig().dataDir);
      console.log(formatRetentionCounts(await withDatabase((db) => runRetention(db, { now, secret }))));
      return 0;
    }
    case 'docs': {
      const { renderFeedContracts } = await import('./docs/feed-contracts-doc.ts');
      const { writeFileSync } = await import('node:fs');
      const target = new URL('../../docs/feed-contracts.md', import.meta.url);
      writeFileSync(target, renderFeedContracts());
      console.log('wrote docs/feed-contracts.md');
      return 0;
    }
    case undefined:
    case 'help':
    case '--help':
      console.log(USAGE);
      return 0;
    default:
      return usage(`unknown command`);
  }
}

/** Partners' SFTP keys: a key is only ever revoked, never deleted, so the list says who had one. */
async function sftpKey(args: string[]): Promise<number> {
  const [action, ...rest] = args;
  switch (action) {
    case 'add': {
      const at = rest.indexOf('--label');
      const label = at >= 0 ? rest[at + 1] : undefined;
      if (at >= 0 && !label) return usage('--label needs a text');
      const [feed, file, extra] = at >= 0 ? [...rest.slice(0, at), ...rest.slice(at + 2)] : rest;
      if (!feed || !file || extra) return usage('sftp-key add needs a feed and a public key file');
      if (!isFeedId(feed)) return usage(`unknown feed; feeds are ${FEED_IDS.join(', ')}`);
      if (statSync(file).size > 16_384) return fail('key refused: that file is too big to be an OpenSSH public key');
      let key: SftpPublicKey;
      try {
        key = parseSftpPublicKey(readFileSync(file, 'utf8'));
      } catch (e) {
        if (e instanceof PublicKeyError) return fail(`key refused: ${e.message}`);
        throw e;
      }
      const result = await withDatabase(async (db) => {
        const known = (await listSftpKeys(db.db)).find((k) => k.fingerprint === key.fingerprint);
        if (known) return { known };
        const id = await addSftpKey(db.db, { feed, label: label ?? (key.comment || `${feed} SFTP key`), algorithm: key.algorithm, publicKey: key.publicKey, fingerprint: key.fingerprint });
        return { id };
      });
      if (result.known) {
        return fail(
          result.known.revokedAt
            ? `key refused: it is key ${result.known.id}, revoked; a revoked key cannot be let in again: the partner must make a new one`
            : `key refused: it is already key ${result.known.id} (${result.known.feed})`,
        );
      }
      const config = readConfig();
      console.log(`SFTP key ${result.id} added for ${feed}: ${key.algorithm} ${key.fingerprint}`);
      console.log(`The partner signs in as ${feed} on port ${config.sftpPort}, uploads to /inbox and finds reports in /outbox.`);
      return 0;
    }
    case 'list': {
      const keys = await withDatabase((db) => listSftpKeys(db.db));
      if (keys.length === 0) console.log('No SFTP keys: add one with `pnpm mast sftp-key add <feed> <key.pub>`.');
      for (const k of keys) {
        const state = k.revokedAt ? `revoked ${k.revokedAt.toISOString().slice(0, 10)}` : 'live';
        console.log(`${String(k.id).padStart(4)}  ${k.feed.padEnd(16)} ${state.padEnd(18)} ${k.algorithm.padEnd(19)} ${k.fingerprint}  ${k.label} (added ${k.createdAt.toISOString().slice(0, 10)})`);
      }
      return 0;
    }
    case 'revoke': {
      const [id, extra] = rest;
      if (!id || extra || !/^\d{1,9}$/.test(id)) return usage('sftp-key revoke needs a key id (see sftp-key list)');
      if (!(await withDatabase((db) => revokeSftpKey(db.db, Number(id))))) return fail(`no live SFTP key ${id} (see sftp-key list)`);
      console.log(`SFTP key ${id} revoked: it can no longer sign in.`);
      return 0;
    }
    default:
      return usage('sftp-key needs add, list or revoke');
  }
}

function fail(problem: string): number {
  console.error(`mast: ${problem}`);
  return 1;
}

/** The run's clock: now, or the start of an earlier UTC date; never a later one, which would
 * delete data before its time. Returns the problem as text when the date is refused. */
export function retentionClock(asOf: string | undefined, now = new Date()): Date | string {
  if (asOf === undefined) return now;
  const day = /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? new Date(`${asOf}T00:00:00Z`) : undefined;
  if (!day || Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== asOf) return '--as-of needs a date as YYYY-MM-DD';
  if (asOf > now.toISOString().slice(0, 10)) return '--as-of cannot be after today: retention never runs ahead of the calendar';
  return day;
}

function usage(problem: string): number {
  console.error(`mast: ${problem}\n\n${USAGE}`);
  return 2;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runCli(process.argv.slice(2))
    .then((code) => process.exit(code))
    .catch((e: unknown) => {
      if (e instanceof FeedFileError) console.error(`mast: file refused: ${e.message}`);
      else if ((e as NodeJS.ErrnoException)?.code === 'ENOENT') console.error('mast: file not found');
      // Only the kind of failure: a driver's message can quote a value from the file.
      else {
        const code = (e as { code?: unknown })?.code;
        console.error(`mast: failed: ${(e as Error)?.name ?? 'error'}${typeof code === 'string' ? ` (${code})` : ''}`);
      }
      process.exit(1);
    });
}
