// `pnpm bench:web-bytes`: how many bytes a phone downloads for the app, as the server sends them.
// Every JavaScript, CSS and HTML file of the built app (web/build; run `pnpm build` first) and
// the API's OpenAPI document (a large JSON answer) are requested through the real app: without
// compression, accepting gzip only, and as Chromium asks (gzip, deflate, br, zstd).
import { readdirSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { openDatabase } from '@mast/db';
import { createApp } from '../app.ts';
import { DEFAULT_WEB_ROOT } from '../http/static-web.ts';

const KINDS: Record<string, string> = { '.js': 'JavaScript', '.css': 'CSS', '.html': 'HTML' };
const ENCODINGS = { identity: 'identity', gzip: 'gzip', browser: 'gzip, deflate, br, zstd' } as const;
type Encoding = keyof typeof ENCODINGS;

function builtFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return builtFiles(path);
    return extname(entry.name) in KINDS ? [path] : [];
  });
}

async function bytesOf(path: string, response: Response): Promise<number> {
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return (await response.arrayBuffer()).byteLength;
}

const database = await openDatabase({ dataDir: 'memory://' });
await database.migrate();
const app = createApp({ database, webRoot: DEFAULT_WEB_ROOT });

const totals = new Map<string, { files: number } & Record<Encoding, number>>();
const requests = [
  ...builtFiles(DEFAULT_WEB_ROOT).map((file) => ({ kind: KINDS[extname(file)]!, path: `/${relative(DEFAULT_WEB_ROOT, file)}` })),
  { kind: 'JSON (API)', path: '/api/openapi.json' },
];
for (const { kind, path } of requests) {
  const row = totals.get(kind) ?? { files: 0, identity: 0, gzip: 0, browser: 0 };
  row.files++;
  for (const [encoding, accept] of Object.entries(ENCODINGS) as [Encoding, string][]) {
    row[encoding] += await bytesOf(path, await app.request(path, { headers: { 'accept-encoding': accept } }));
  }
  totals.set(kind, row);
}
await database.close();

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
console.log('kind          files  uncompressed        gzip  as a browser asks');
for (const [kind, row] of totals) {
  console.log(
    `${kind.padEnd(12)} ${String(row.files).padStart(6)} ${kb(row.identity).padStart(13)} ${kb(row.gzip).padStart(11)} ${kb(row.browser).padStart(11)}`,
  );
}
