// On first start, fills an empty database with the synthetic borough, through the same path
// real files take: the gazetteer and team lists, then each partner's feed file, ingested and
// reported like any upload. The generated files are deleted once applied.
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { FEED_IDS, type FeedId } from '@mast/shared';
import { countAddresses, type Database } from '@mast/db';
import { generateBorough } from '../demo/generate.ts';
import { loadGazetteer, loadTeams } from '../gazetteer/load-reference-data.ts';
import { ingestFeedFile, type UploadReport } from '../feeds/ingest.ts';
import { loadAddressMatcher } from '../matching/load-address-matcher.ts';
import { seedDemoUsers } from './demo-users.ts';
import { seedDemoHomePostcode } from '../audit/demo-home-postcode.ts';

export interface DemoLoadResult {
  loaded: boolean;
  addresses: number;
  reports: UploadReport[];
  seconds: number;
}

export async function loadDemoBorough(
  database: Database,
  opts: { workDir: string; scale: number; seed: number; now?: Date; log?: (line: string) => void; /** create the demo accounts (default true) */ accounts?: boolean },
): Promise<DemoLoadResult> {
  const log = opts.log ?? (() => {});
  const started = performance.now();
  const dir = mkdtempSync(join(opts.workDir, 'demo-'));
  try {
    const now = opts.now ?? new Date();
    log(`Generating a synthetic borough (scale ${opts.scale}, seed ${opts.seed})...`);
    const gen = await generateBorough({ outDir: dir, seed: opts.seed, scale: opts.scale, asOf: now.toISOString().slice(0, 10) });
    await loadTeams(database, gen.files.teams);
    const gazetteer = await loadGazetteer(database, gen.files.gazetteer);
    log(`Gazetteer: ${gazetteer.accepted} addresses.`);
    const matcher = await loadAddressMatcher(database.db);
    const reports: UploadReport[] = [];
    for (const feed of FEED_IDS as readonly FeedId[]) {
      const report = await ingestFeedFile(database, { feed, path: gen.files.feeds[feed], matcher, now });
      reports.push(report);
      log(`Feed ${feed}: ${report.rows} rows, ${report.accepted} accepted, ${report.rejected} rejected, ${report.addressesUnmatched} addresses unmatched.`);
    }
    if (opts.accounts !== false) {
      await seedDemoUsers(database.db);
      await seedDemoHomePostcode(database.db);
    }
    return { loaded: true, addresses: gazetteer.accepted, reports, seconds: (performance.now() - started) / 1000 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Loads the demo only into an empty database, so a restart never loads it twice. */
export async function ensureDemoBorough(
  database: Database,
  opts: { workDir: string; scale: number; seed: number; log?: (line: string) => void; accounts?: boolean },
): Promise<DemoLoadResult | null> {
  if ((await countAddresses(database.db)) > 0) return null;
  return loadDemoBorough(database, opts);
}
