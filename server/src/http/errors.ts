// The one error shape of the API, and the handlers that guarantee it: whatever goes wrong, the
// client gets { error: { code, message } } and the server keeps running. Messages are fixed
// text: never a request value, never a stack trace.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ERROR_CODE_BY_STATUS, type ApiError, type ErrorCode } from '@mast/shared';
import { isDatabaseUnavailable } from './database-unavailable.ts';

/** What an error may add to its code and message: field names, when to retry, attempts left. */
export type ErrorDetails = Omit<ApiError['error'], 'code' | 'message'>;

export function apiError(c: Context, status: ContentfulStatusCode, code: ErrorCode, message: string, details: ErrorDetails = {}) {
  const body: ApiError = { error: { code, message, ...details } };
  if (details.retryAfterSeconds !== undefined) c.header('Retry-After', String(details.retryAfterSeconds));
  return c.json(body, status);
}

export function onError(err: Error, c: Context) {
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    const code = ERROR_CODE_BY_STATUS[status] ?? (status >= 500 ? 'internal' : 'bad_request');
    const message = status === 400 ? 'The request could not be read (check it is valid JSON).' : err.message || 'Request failed.';
    return apiError(c, status, code, message);
  }
  // The database restarting or out of reach: the request will work again once it is back.
  if (isDatabaseUnavailable(err)) {
    console.error(`mast: ${c.req.method} ${c.req.routePath} failed: the database is not answering`);
    return apiError(c, 503, 'unavailable', 'The database is not answering just now. Try again in a few seconds.', { retryAfterSeconds: 5 });
  }
  // Log the kind of failure only: an error message may quote data from the request.
  const code = (err as { code?: unknown }).code;
  console.error(`mast: ${c.req.method} ${c.req.routePath} failed: ${err.name}${typeof code === 'string' ? ` (${code})` : ''}`);
  return apiError(c, 500, 'internal', 'Something went wrong on the server. Try again; if it persists, call the service desk.');
}
