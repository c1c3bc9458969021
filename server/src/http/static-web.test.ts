import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { openTestDatabase, type Database } from '@mast/db';
import { ApiErrorSchema } from '@mast/shared';
import { createApp } from '../app.ts';
import { backendName } from '../test/small-borough.ts';
import { isAppRoute } from './static-web.ts';

const SHELL = '<!doctype html><html><body>mast shell</body></html>';
const SCRIPT = `export const app = ${JSON.stringify('mast '.repeat(400))};\n`;

describe(`serving the built app (${backendName()})`, () => {
  let database: Database;
  let webRoot: string;
  let app: ReturnType<typeof createApp>;

  // A built app as adapter-static writes it: each text file with Brotli and gzip copies beside it.
  const write = (path: string, text: string, precompress = true) => {
    const file = join(webRoot, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    if (!precompress) return;
    writeFileSync(`${file}.br`, brotliCompressSync(text));
    writeFileSync(`${file}.gz`, gzipSync(text));
  };
  const get = (path: string, acceptEncoding = 'gzip, deflate, br, zstd') => app.request(path, { headers: { 'accept-encoding': acceptEncoding } });

  beforeAll(async () => {
    database = await openTestDatabase();
    webRoot = mkdtempSync(join(tmpdir(), 'mast-web-'));
    write('index.html', SHELL);
    write('robots.txt', 'User-agent: *\nDisallow: /\n', false);
    write('_app/immutable/entry/app.js', SCRIPT);
    app = createApp({ database, webRoot });
  });
  afterAll(async () => {
    await database?.close();
    rmSync(webRoot, { recursive: true, force: true });
  });

  it('answers a client-side route with the app, however deep', async () => {
    for (const path of ['/', '/address/100000000001', '/review/addresses/7', '/admin/feeds/police']) {
      const res = await get(path, 'identity');
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(await res.text()).toBe(SHELL);
    }
  });

  it('answers a file that is not there with a 404 in the one error shape, not the app', async () => {
    for (const path of ['/favicon.ico', '/address/sw.js', '/review/workbox-1.js', '/_app/immutable/entry/gone.js', '/_app/version']) {
      const res = await get(path, 'identity');
      expect(res.status, path).toBe(404);
      expect(ApiErrorSchema.parse(await res.json()).error.code).toBe('not_found');
    }
  });

  it('serves robots.txt as the file it is', async () => {
    const res = await get('/robots.txt');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await res.text()).toBe('User-agent: *\nDisallow: /\n');
  });

  it("sends the build's Brotli copy to a browser that takes it, and the plain file to one that does not", async () => {
    const br = await get('/_app/immutable/entry/app.js');
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('vary')).toMatch(/accept-encoding/i);
    expect(br.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const compressed = Buffer.from(await br.arrayBuffer());
    expect(compressed.byteLength).toBeLessThan(SCRIPT.length / 4);
    expect(brotliDecompressSync(compressed).toString()).toBe(SCRIPT);

    const gzip = await get('/_app/immutable/entry/app.js', 'gzip');
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gzip.arrayBuffer())).toString()).toBe(SCRIPT);

    const plain = await get('/_app/immutable/entry/app.js', 'identity');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(SCRIPT);

    const shell = await get('/address/100000000001');
    expect(shell.headers.get('content-encoding')).toBe('br');
    expect(brotliDecompressSync(Buffer.from(await shell.arrayBuffer())).toString()).toBe(SHELL);
  });

  it('gzips JSON answers of the API', async () => {
    const res = await get('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('vary')).toMatch(/accept-encoding/i);
    const body = Buffer.from(await res.arrayBuffer());
    const text = gunzipSync(body).toString();
    expect(body.byteLength).toBeLessThan(text.length / 4);
    expect(JSON.parse(text)).toMatchObject({ openapi: '3.1.0' });

    const plain = await get('/api/openapi.json', 'identity');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(JSON.parse(await plain.text())).toMatchObject({ openapi: '3.1.0' });
  });

  it("keeps the repository's robots.txt closed to every crawler: mast is private", () => {
    const robots = readFileSync(new URL('../../../web/static/robots.txt', import.meta.url), 'utf8');
    expect(robots).toMatch(/^User-agent: \*\nDisallow: \/\n$/);
  });
});

describe('isAppRoute', () => {
  it('takes paths without a file extension as the app’s own', () => {
    expect(isAppRoute('/address/100000000001')).toBe(true);
    expect(isAppRoute('/login')).toBe(true);
    expect(isAppRoute('/address/sw.js')).toBe(false);
    expect(isAppRoute('/_app/version')).toBe(false);
  });
});
