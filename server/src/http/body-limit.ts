// Request bodies are limited before they are read: a body larger than the limit is refused with
// 413 as soon as its Content-Length says so, or as soon as that many bytes have streamed in, so a
// 200 MB body never sits in memory. Partner feed uploads stream to disk under their own limit.
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import { apiError } from './errors.ts';

/** Enough for any JSON the API takes (a sign-in, a decision); far below anything that costs memory. */
export const JSON_BODY_LIMIT_BYTES = 64 * 1024;

const FEED_UPLOAD = /^\/api\/feeds\/[^/]+\/uploads\/?$/;
/** Methods whose body no route reads: asking a GET for its body would build the whole web Request
 * (a cost on every lookup) to find there is none. */
const BODILESS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function withBodyLimit(maxSize = JSON_BODY_LIMIT_BYTES) {
  const limit = bodyLimit({
    maxSize,
    onError: (c) => apiError(c, 413, 'payload_too_large', `The request body is larger than ${Math.round(maxSize / 1024)} KB.`),
  });
  return createMiddleware(async (c, next) => (BODILESS.has(c.req.method) || FEED_UPLOAD.test(c.req.path) ? next() : limit(c, next)));
}
