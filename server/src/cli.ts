// `pnpm mast <command>`: the operator's tool. Loads reference data, ingests partner feed files
// through the same pipeline as uploads, and generates the synthetic borough.
// Reports name rows and columns, never the values in them.
import { isFeedId, FEED_IDS } from '@mast/shared';
import { openDatabase, type Database } from '@mast/db';
import { readConfig } from './config.ts';
import { ingestFeedFile, type UploadReport } from './feeds/ingest.ts';
import { FeedFileError } from './feeds/feed-file-error.ts';
import { loadGazetteer, loadTeams, type ReferenceLoadReport } from './gazetteer/load-reference-data.ts';

const USAGE = `Usage: pnpm mast <command>
  ingest <feed> <file.csv>     validate and apply a partner feed file (feeds: ${FEED_IDS.join(', ')})
  load-gazetteer <file.csv>    load or update the address gazetteer
  load-teams <file.csv>        load or update the partner teams and their duty contacts
  generate [--seed N] [--scale X] [--out DIR] [--as-of YYYY-MM-DD]
                               write a synthetic borough's gazetteer, teams and feed files
  docs                         rewrite docs/feed-contracts.md from the contracts
  match-bench <febrl4|febrl3|synthetic> [--scale X] | --file F ...
                               person linkage precision, recall, F1 and time on public benchmarks
  address-bench [--scale X]    address-to-UPRN precision, recall and addresses/s on the synthetic borough
  feed-token create <feed> --label TEXT | list | revoke <id>
                               API tokens for partner systems that push files over HTTPS
Database: DATABASE_URL (PostgreSQL) or PGlite in MAST_DATA_DIR (default .data).`;

const MAX_LISTED = 50;

function printRejections(rejections: { row: number; reasons: string[] }[]) {
  for (const r of rejections.slice(0, MAX_LISTED)) console.log(`  row ${r.row}: ${r.reasons.join('; ')}`);
  if (rejections.length > MAX_LISTED) console.log(`  ... and ${rejections.length - MAX_LISTED} more rejected rows (all are kept with the upload).`);
}

export function formatUploadReport(r: UploadReport): string {
  if (r.duplicate) return `${r.fileName}: already applied (upload ${r.uploadId}, same SHA-256): nothing changed.`;
  const lines = [
    `${r.fileName} (${r.feed}, upload ${r.uploadId}): ${r.rows} rows, ${r.accepted} accepted, ${r.rejected} rejected.`,
    `  addresses: ${r.addressesMatched} matched to a UPRN, ${r.addressesPossible} possible (kept for review), ${r.addressesUnmatched} unmatched` +
      (r.addressesDecided > 0 ? ` (${r.addressesDecided} as data stewards decided)` : ''),
  ];
  lines.push(`  people: ${r.people.linked} linked to someone known, ${r.people.created} new, ${r.people.forReview} possible matches sent for review`);
  if (r.casesClosed > 0) lines.push(`  ${r.casesClosed} open cases not in this snapshot were closed`);
  if (r.ignoredColumns.length > 0) lines.push(`  columns not in the contract, ignored and not stored: ${r.ignoredColumns.join(', ')}`);
  return lines.join('\n');
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
      const report = await withDatabase((db) => ingestFeedFile(db, { feed, path: file }));
      console.log(formatUploadReport(report));
      printRejections(report.rejections);
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
      const { runGenerate } = await import('./demo/generate-cli.ts');
      await runGenerate(args);
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
