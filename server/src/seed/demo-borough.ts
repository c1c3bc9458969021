// On first start, fills an empty database with the synthetic borough, through the same path
// real files take: the gazetteer and team lists, then each partner's feed file, ingested and
// reported like any upload; then the months before the live year into the trend copy, and a year
// of the nightly alert runs and the lead teams' steps on them. The generated files are deleted
// once applied.
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { FEED_IDS, type FeedId } from '@mast/shared';
import { countAddresses, refreshReportCounts, type Database } from '@mast/db';
import { generateBorough } from '../demo/generate.ts';
import { loadGazetteer, loadTeams } from '../gazetteer/load-reference-data.ts';
import { ingestFeedFile, type UploadReport } from '../feeds/ingest.ts';
import { seedDemoUsers } from './demo-users.ts';
import { seedDemoHomePostcode } from '../audit/demo-home-postcode.ts';
import { loadPseudonymSecret } from '../retention/pseudonym-secret.ts';
import { loadAlertRules } from '../alerts/rules-file.ts';
import { loadDemoHistory } from './demo-history.ts';
import { replayAlertYear, type AlertYear } from './demo-alert-year.ts';
import { loadDemoUploads } from './demo-uploads.ts';

export interface DemoLoadResult {
  loaded: boolean;
  addresses: number;
  reports: UploadReport[];
  /** Rows written to the trend copy for the months before the live year. */
  history: { involvements: number; alerts: number };
  /** Past deliveries written as uploads (counts only), one per feed per due day before today. */
  pastUploads: number;
  alertYear: AlertYear | null;
  /** Seconds each step took, and in all. */
  steps: Record<string, number>;
  seconds: number;
}

export interface DemoLoadOptions {
  /** Where the generated files are written (and removed); with main.ts, the data folder. */
  workDir: string;
  scale: number;
  seed: number;
  now?: Date;
  log?: (line: string) => void;
  /** create the demo accounts (default true) */
  accounts?: boolean;
  /** Months of history, 12 to 36 (default 36): the live year's feeds, and trend history before it. */
  months?: number;
  /** The folder whose pseudonym key the retention job uses (default workDir, as main.ts passes the data folder). */
  dataDir?: string;
  /** Evaluate the rules and act on alerts across the past year (default true). */
  alertYear?: boolean;
}

export async function loadDemoBorough(database: Database, opts: DemoLoadOptions): Promise<DemoLoadResult> {
  const log = opts.log ?? (() => {});
  const started = performance.now();
  const steps: Record<string, number> = {};
  let lap = started;
  const step = (name: string) => {
    const t = performance.now();
    steps[name] = (t - lap) / 1000;
    lap = t;
  };
  const dir = mkdtempSync(join(opts.workDir, 'demo-'));
  try {
    const now = opts.now ?? new Date();
    log(`Generating a synthetic borough (scale ${opts.scale}, seed ${opts.seed})...`);
    const months = opts.months ?? 36;
    const gen = await generateBorough({ outDir: dir, seed: opts.seed, scale: opts.scale, asOf: now.toISOString().slice(0, 10), months });
    step('generate');
    await loadTeams(database, gen.files.teams);
    const gazetteer = await loadGazetteer(database, gen.files.gazetteer);
    log(`Gazetteer: ${gazetteer.accepted} addresses.`);
    const reports: UploadReport[] = [];
    for (const feed of FEED_IDS as readonly FeedId[]) {
      // In the kept worker (row-stage-pool.ts): it builds the matcher once, for every file, and
      // reads and matches each on a core of its own while this thread links people and writes.
      const report = await ingestFeedFile(database, { feed, path: gen.files.feeds[feed], rowStage: 'worker', now });
      reports.push(report);
      log(`Feed ${feed}: ${report.rows} rows, ${report.accepted} accepted, ${report.rejected} rejected, ${report.addressesUnmatched} addresses unmatched.`);
    }
    step('ingest');
    // The same secret as the retention job's (retention-job.ts), so that the rows retention moves
    // later carry the same keys as the history's for the same people and addresses.
    const secret = await loadPseudonymSecret(opts.dataDir ?? opts.workDir);
    const history = await loadDemoHistory(database, { files: gen.files, secret });
    step('history');
    // Each partner's daily files over the months before today, as counts (demo-uploads.ts says why).
    const pastUploads = await loadDemoUploads(database, { now, seed: opts.seed, months, historyInvolvements: gen.files.history.involvements, reports });
    step('past-uploads');
    log(`Past deliveries: ${pastUploads} daily files over the ${months} months before this one, as counts.`);
    if (months > 12) log(`History: ${history.involvements} contacts and cases and ${history.alerts} alerts over the ${months - 12} months before the live year, in the trend copy.`);
    if (opts.accounts !== false) {
      await seedDemoUsers(database.db);
      await seedDemoHomePostcode(database.db);
    }
    step('accounts');
    let alertYear: AlertYear | null = null;
    if (opts.alertYear !== false) {
      alertYear = await replayAlertYear(database, { rules: loadAlertRules(), now, seed: opts.seed });
      step('alert-year');
      log(`Alerts over the past year: ${alertYear.evaluations} nightly runs replayed, ${alertYear.raised} raised, ${alertYear.acknowledged} acknowledged, ${alertYear.closed} closed (rules ${alertYear.evaluating.toFixed(1)} s, steps ${alertYear.acting.toFixed(1)} s).`);
    }
    // The trend reports' counts, before anyone opens them (the night's run makes them again).
    await refreshReportCounts(database.db, now);
    step('report-counts');
    return { loaded: true, addresses: gazetteer.accepted, reports, history, pastUploads, alertYear, steps, seconds: (performance.now() - started) / 1000 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Loads the demo only into an empty database, so a restart never loads it twice. */
export async function ensureDemoBorough(database: Database, opts: DemoLoadOptions): Promise<DemoLoadResult | null> {
  if ((await countAddresses(database.db)) > 0) return null;
  return loadDemoBorough(database, opts);
}
