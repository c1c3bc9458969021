// `pnpm bench:upload-memory`: whether a process that applies upload after upload keeps more
// memory with each. The gazetteer and person indexes an upload builds must be let go when it
// ends, so what the server holds after a full collection should not grow with the number of
// uploads applied (the rows themselves go to the database). Generates the default borough, loads
// its gazetteer and teams into a fresh database (not measured), cuts the incremental feeds' year
// of rows (police, NHS, fire) into daily files of a few thousand rows (fire has fewer), and applies them in turn in
// one child process (upload-memory-child.ts, with --expose-gc), the feeds alternating, through
// ingestFeedFile as the server does. After each upload it collects garbage fully and reads the
// heap used, the memory outside the heap its objects own, and the resident memory.
// Prints each upload's figures, and the slope per upload, over the second half, of what a full
// collection leaves (the heap and the memory outside it that objects own: the person index's
// typed arrays are there), beside the aim (under 1 MB an upload); the first uploads fill what is
// built once (compiled code, prepared statements).
// Options: --uploads N (default 30), --rows N (rows a file, default 3000), --backend
// both|postgres|pglite (default both), --url postgres://... (server; a database is made on it),
// --database NAME (default mast_bench_upload_memory, made afresh and dropped after).
import { spawn } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createServerDatabase, dropServerDatabase, openDatabase } from '@mast/db';
import type { FeedId } from '@mast/shared';
import { generateBorough } from '../demo/generate.ts';
import { CsvWriter } from '../demo/csv-writer.ts';
import { readCsvRows } from '../feeds/csv-rows.ts';
import { loadGazetteer, loadTeams } from '../gazetteer/load-reference-data.ts';
import { slope } from './memory-verdict.ts';
import type { UploadFile, UploadMemory } from './upload-memory-child.ts';

const { values: args } = parseArgs({
  options: {
    uploads: { type: 'string', default: '30' },
    rows: { type: 'string', default: '3000' },
    backend: { type: 'string', default: 'both' },
    url: { type: 'string', default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
    database: { type: 'string', default: 'mast_bench_upload_memory' },
  },
});
const UPLOADS = Number(args.uploads);
const ROWS = Number(args.rows);
const AIM_MB_PER_UPLOAD = 1;
const FEEDS: FeedId[] = ['police', 'nhs', 'fire'];
// The year of rows ends the day before the first file arrives; each file is a day later.
const AS_OF = '2026-06-30';
const FIRST_DAY = Date.parse('2026-07-01T02:00:00Z');
const DAY_MS = 86_400_000;
const MB = 1024 * 1024;
const fmt = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '-');
const signed = (n: number) => `${n >= 0 ? '+' : ''}${fmt(n, 2)}`;

/** Each feed's year cut into consecutive files of `ROWS` rows (fewer where a feed's year has
 * too few for its share of the uploads: fire's), the feeds in turn, a day apart. */
async function dailyFiles(dir: string, feeds: Record<FeedId, string>): Promise<UploadFile[]> {
  const perFeed = new Map<FeedId, string[]>();
  for (const [k, feed] of FEEDS.entries()) {
    const wanted = Math.ceil((UPLOADS - k) / FEEDS.length);
    const csv = await readCsvRows(createReadStream(feeds[feed]));
    const records: string[][] = [];
    for await (const chunk of csv.chunks) records.push(...chunk.records);
    const size = Math.min(ROWS, Math.floor(records.length / wanted));
    const paths: string[] = [];
    for (let f = 0; f < wanted; f++) {
      const out = new CsvWriter(join(dir, `${feed}-${f + 1}.csv`), csv.header);
      for (const record of records.slice(f * size, (f + 1) * size)) await out.write(record);
      await out.close();
      paths.push(out.path);
    }
    perFeed.set(feed, paths);
  }
  return Array.from({ length: UPLOADS }, (_, i) => {
    const feed = FEEDS[i % FEEDS.length]!;
    return { feed, path: perFeed.get(feed)![Math.floor(i / FEEDS.length)]!, receivedAt: new Date(FIRST_DAY + i * DAY_MS).toISOString() };
  });
}

function runChild(env: Record<string, string>, files: UploadFile[], onLine: (m: UploadMemory) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', join(import.meta.dirname, 'upload-memory-child.ts'), JSON.stringify(files)], {
      env: { ...process.env, ...env, MAST_BENCH_NOW: new Date(FIRST_DAY + UPLOADS * DAY_MS).toISOString() },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let pending = '';
    child.stdout.on('data', (d: Buffer) => {
      pending += d.toString();
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const l of lines) if (l.startsWith('{')) onLine(JSON.parse(l) as UploadMemory);
    });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`upload child ended with ${code}`))));
  });
}

async function measure(label: string, where: { url?: string; dataDir?: string }, gen: Awaited<ReturnType<typeof generateBorough>>, files: UploadFile[]): Promise<void> {
  const database = await openDatabase(where);
  const t0 = performance.now();
  await database.migrate();
  await loadTeams(database, gen.files.teams);
  await loadGazetteer(database, gen.files.gazetteer);
  await database.close();
  console.log(`\n${label}: gazetteer and teams loaded in ${fmt((performance.now() - t0) / 1000)} s (not measured); ${UPLOADS} uploads, feeds in turn`);
  console.log(`${'upload'.padStart(6)}  ${'feed'.padEnd(6)} ${'rows'.padStart(6)} ${'CPU s'.padStart(6)} ${'heap MB'.padStart(8)} ${'extern MB'.padStart(9)} ${'RSS MB'.padStart(7)}   (after a full collection)`);
  const lines: UploadMemory[] = [];
  await runChild(where.url ? { DATABASE_URL: where.url } : { DATABASE_URL: '', MAST_DATA_DIR: where.dataDir! }, files, (m) => {
    lines.push(m);
    console.log(
      `${String(m.upload).padStart(6)}  ${(m.feed ?? 'before').padEnd(6)} ${String(m.rows ?? '').padStart(6)} ${m.cpuSeconds === undefined ? ''.padStart(6) : fmt(m.cpuSeconds, 2).padStart(6)} ` +
        `${fmt(m.heapUsed / MB).padStart(8)} ${fmt(m.external / MB).padStart(9)} ${fmt(m.rss / MB, 0).padStart(7)}`,
    );
  });
  const uploads = lines.filter((m) => m.upload > 0);
  const half = uploads.slice(Math.floor(uploads.length / 2));
  const per = (pick: (m: UploadMemory) => number) => slope(half.map((m) => ({ x: m.upload, y: pick(m) / MB })));
  const held = per((m) => m.heapUsed + m.external);
  const first = uploads[0]!;
  const last = uploads.at(-1)!;
  const mb = (m: UploadMemory) => fmt((m.heapUsed + m.external) / MB);
  console.log(
    `${label}: held after collection (heap + outside it) ${mb(first)} MB after upload 1, ${mb(last)} MB after upload ${last.upload}; ` +
      `over uploads ${half[0]!.upload}-${last.upload}: ${signed(held)} MB an upload (aim under ${AIM_MB_PER_UPLOAD}: ${held < AIM_MB_PER_UPLOAD ? 'met' : 'NOT met'}; ` +
      `heap ${signed(per((m) => m.heapUsed))}, outside it ${signed(per((m) => m.external))}), RSS ${signed(per((m) => m.rss))} MB an upload (shown)`,
  );
}

const dir = mkdtempSync(join(tmpdir(), 'mast-upload-memory-'));
try {
  const tg = performance.now();
  const gen = await generateBorough({ outDir: join(dir, 'borough'), seed: 1, scale: 1, asOf: AS_OF });
  const files = await dailyFiles(dir, gen.files.feeds);
  console.log(`mast upload-memory benchmark: the default borough generated and cut into ${UPLOADS} daily files in ${fmt((performance.now() - tg) / 1000)} s (not measured)`);
  if (args.backend !== 'pglite') {
    const url = await createServerDatabase(args.url!, args.database!, { dropFirst: true });
    try {
      await measure('PostgreSQL', { url }, gen, files);
    } finally {
      await dropServerDatabase(args.url!, args.database!);
    }
  }
  if (args.backend !== 'postgres') await measure('PGlite', { dataDir: join(dir, 'pglite') }, gen, files);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
