// Text answers (JSON, CSV, the app's files the build did not precompress) go out gzipped to a
// client that takes gzip: on a phone in poor signal a page of type-ahead is a third of the bytes.
// mast makes every answer whole before it is sent (no answer streams), so the body is read
// whole and compressed in one call: a small one (a type-ahead page, a summary) on the event
// loop, in microseconds, a large one (an export, the OpenAPI document) on libuv's pool. Hono's
// compress middleware pipes every body through a CompressionStream instead, and sets Vary in a
// way that makes each answer again as a stream: several times the CPU for the answers officers
// ask for most.
import { promisify } from 'node:util';
import { gzip, gzipSync } from 'node:zlib';
import type { MiddlewareHandler } from 'hono';
import { COMPRESSIBLE_CONTENT_TYPE_REGEX } from 'hono/utils/compress';
import { addVary } from './response-headers.ts';

/** Below this many bytes the framing and headers outweigh what gzip saves. */
export const COMPRESS_FROM_BYTES = 1024;
/** From this many bytes the compression runs off the event loop. */
const OFF_LOOP_FROM_BYTES = 64 * 1024;
const gzipOffLoop = promisify(gzip);
const NO_BODY = new Set([101, 204, 205, 206, 304]);

/** Whether Accept-Encoding takes gzip (named, or by `*`, with a weight above zero). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  let star = false;
  for (const part of header.split(',')) {
    const [name, ...params] = part.split(';');
    const coding = name!.trim().toLowerCase();
    if (coding !== 'gzip' && coding !== 'x-gzip' && coding !== '*') continue;
    const q = params.map((p) => /^\s*q\s*=\s*([\d.]+)\s*$/i.exec(p)?.[1]).find((v) => v !== undefined);
    const takes = q === undefined || Number(q) > 0;
    if (coding === '*') star = takes;
    else return takes;
  }
  return star;
}

export function compressAnswers(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const res = c.res;
    if (c.req.method === 'HEAD' || NO_BODY.has(res.status)) return;
    const headers = res.headers;
    const type = headers.get('content-type');
    if (!type || !COMPRESSIBLE_CONTENT_TYPE_REGEX.test(type) || headers.has('content-encoding')) return;
    if (/(?:^|,)\s*no-transform\s*(?:,|$)/i.test(headers.get('cache-control') ?? '')) return;
    // The same URL answers compressed or not by what the client takes: caches must know.
    addVary(c, 'Accept-Encoding');
    if (!acceptsGzip(c.req.header('accept-encoding'))) return;
    const length = headers.get('content-length');
    if (length !== null && Number(length) < COMPRESS_FROM_BYTES) return;
    const plain = new Uint8Array(await res.arrayBuffer());
    const compressed = plain.byteLength < COMPRESS_FROM_BYTES ? undefined : plain.byteLength < OFF_LOOP_FROM_BYTES ? gzipSync(plain) : await gzipOffLoop(plain);
    const out = new Headers(res.headers);
    if (compressed) {
      out.set('Content-Encoding', 'gzip');
      out.delete('Content-Length');
      const etag = out.get('etag');
      if (etag && !etag.startsWith('W/')) out.set('ETag', `W/${etag}`);
    }
    // Hono keeps the headers of the answer it replaces unless it is cleared first (its documented
    // way to replace an answer); these headers are already the whole set.
    c.res = undefined as never;
    c.res = new Response(compressed ?? plain, { status: res.status, statusText: res.statusText, headers: out });
  };
}
