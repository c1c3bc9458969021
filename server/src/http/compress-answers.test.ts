import { gunzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { acceptsGzip, COMPRESS_FROM_BYTES, compressAnswers } from './compress-answers.ts';
import { setAnswerHeader } from './response-headers.ts';

const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ uprn: String(100000000000 + i), label: `${i} Mill Lane, Castlegate, Mastbury` }));

function app() {
  const a = new Hono();
  a.use('*', async (c, next) => {
    await next();
    setAnswerHeader(c, 'X-Outer', 'set after');
  });
  a.use('*', compressAnswers());
  a.get('/small', (c) => c.json({ results: rows(1) }));
  a.get('/page', (c) => c.json({ results: rows(20) }));
  a.get('/export', (c) => c.json({ results: rows(5000) }));
  a.get('/csv', () => new Response('uprn,label\n'.repeat(200), { headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="a.csv"' } }));
  a.get('/png', () => new Response(new Uint8Array(4096), { headers: { 'content-type': 'image/png' } }));
  a.get('/none', (c) => c.body(null, 204));
  a.get('/raw', () => new Response(JSON.stringify({ results: rows(10) }), { headers: { 'content-type': 'application/json', 'cache-control': 'no-transform' } }));
  a.get('/missing', (c) => c.json({ error: { code: 'not_found', message: 'x'.repeat(2000) } }, 404));
  return a;
}
const get = (path: string, acceptEncoding?: string, method = 'GET') => app().request(path, { method, headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } });

describe('compressAnswers', () => {
  it('gzips a page of JSON for a browser, whole, with its status and every header kept', async () => {
    const res = await get('/page', 'gzip, deflate, br, zstd');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('vary')).toBe('Accept-Encoding');
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('x-outer')).toBe('set after');
    const body = Buffer.from(await res.arrayBuffer());
    const text = gunzipSync(body).toString();
    expect(JSON.parse(text)).toEqual({ results: rows(20) });
    expect(body.byteLength).toBeLessThan(text.length / 2);
  });

  it('gzips a large answer (off the event loop) and an error answer, keeping the error status', async () => {
    const big = await get('/export', 'gzip');
    expect(big.headers.get('content-encoding')).toBe('gzip');
    expect(JSON.parse(gunzipSync(Buffer.from(await big.arrayBuffer())).toString()).results).toHaveLength(5000);
    const missing = await get('/missing', 'gzip');
    expect(missing.status).toBe(404);
    expect(JSON.parse(gunzipSync(Buffer.from(await missing.arrayBuffer())).toString()).error.code).toBe('not_found');
  });

  it('gzips a CSV export and keeps its file name', async () => {
    const res = await get('/csv', 'gzip');
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="a.csv"');
    expect(gunzipSync(Buffer.from(await res.arrayBuffer())).toString()).toBe('uprn,label\n'.repeat(200));
  });

  it('sends plain what gzip would not help or the client does not take, saying that the answer varies', async () => {
    const small = await get('/small', 'gzip');
    expect(small.headers.get('content-encoding')).toBeNull();
    expect(small.headers.get('vary')).toBe('Accept-Encoding');
    expect(((await small.json()) as { results: unknown }).results).toEqual(rows(1));
    expect(JSON.stringify(rows(1)).length).toBeLessThan(COMPRESS_FROM_BYTES);

    for (const accept of [undefined, 'identity', 'br', 'deflate', 'gzip;q=0', '*;q=0', 'br, gzip; q=0']) {
      const res = await get('/page', accept);
      expect(res.headers.get('content-encoding'), String(accept)).toBeNull();
      expect(((await res.json()) as { results: unknown }).results, String(accept)).toEqual(rows(20));
    }
  });

  it('leaves alone a binary type, an answer without a body, a HEAD and an answer marked no-transform', async () => {
    const png = await get('/png', 'gzip');
    expect(png.headers.get('content-encoding')).toBeNull();
    expect(png.headers.get('vary')).toBeNull();
    expect((await png.arrayBuffer()).byteLength).toBe(4096);
    const none = await get('/none', 'gzip');
    expect(none.status).toBe(204);
    expect(none.headers.get('content-encoding')).toBeNull();
    const head = await get('/page', 'gzip', 'HEAD');
    expect(head.headers.get('content-encoding')).toBeNull();
    const raw = await get('/raw', 'gzip');
    expect(raw.headers.get('content-encoding')).toBeNull();
    expect(((await raw.json()) as { results: unknown }).results).toEqual(rows(10));
  });
});

describe('acceptsGzip', () => {
  it('reads Accept-Encoding as browsers and tools write it', () => {
    expect(acceptsGzip('gzip, deflate, br, zstd')).toBe(true);
    expect(acceptsGzip('GZIP')).toBe(true);
    expect(acceptsGzip('x-gzip')).toBe(true);
    expect(acceptsGzip('*')).toBe(true);
    expect(acceptsGzip('br;q=1.0, gzip;q=0.8')).toBe(true);
    expect(acceptsGzip('*;q=0.1, gzip;q=0')).toBe(false);
    expect(acceptsGzip('gzip;q=0, *')).toBe(false);
    expect(acceptsGzip('br, *;q=0')).toBe(false);
    expect(acceptsGzip('identity')).toBe(false);
    expect(acceptsGzip('')).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
  });
});
