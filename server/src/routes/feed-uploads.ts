// Partner systems that push over HTTPS: POST a feed file with the feed's API token. The file is
// staged whole, applied by a durable job, and the answer is the same report an SFTP partner
// finds in their outbox. Authenticated by token, not by a person's session, so these routes
// sit before the session guard.
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { ApiErrorSchema, NOT_APPLIED, UploadStatusSchema, isFeedId, type FeedId, type UploadStatus } from '@mast/shared';
import { getJob, useFeedToken, type Database } from '@mast/db';
import { acceptUploadStream, refusalBeforeSending, UploadRefused, type RefusalCode, type UploadGate } from '../feeds/accept-upload.ts';
import { validationHook } from '../http/validation-hook.ts';
import { apiError } from '../http/errors.ts';
import { json } from '../http/json-content.ts';
import type { AppEnv } from '../http/with-auth.ts';
import { feedTokenHash } from '../auth/feed-token.ts';
import { waitForUpload, type UploadJobPayload, type UploadJobResult } from '../feeds/uploads.ts';
import type { JobWorker } from '../jobs/worker.ts';

export interface FeedUploadOptions {
  dataDir: string;
  jobs?: Pick<JobWorker, 'wake'>;
  now: () => Date;
  /** Largest file accepted (bytes). */
  maxBytes: number;
  /** Uploads one feed may make per hour: a runaway export loop cannot flood the queue. */
  perHour: number;
  /** How long a request waits for its report before answering 202 with where to ask. */
  waitMs: number;
}

const FeedParam = z.object({ feed: z.string().openapi({ param: { name: 'feed', in: 'path' }, example: 'police' }) });
const JobParam = FeedParam.extend({ id: z.coerce.number().int().positive().openapi({ param: { name: 'id', in: 'path' }, example: 12 }) });

const uploadRoute = createRoute({
  method: 'post',
  path: '/feeds/{feed}/uploads',
  summary: "Push a partner feed file (CSV) with the feed's API token",
  description:
    'Body: the CSV file (text/csv). Header `Authorization: Bearer <token>`; optional `X-File-Name`. ' +
    'Answers 200 with the report once applied (or refused), or 202 with the upload id while it is still being applied.',
  request: { params: FeedParam },
  responses: {
    200: { description: 'Applied (or a duplicate, or refused as a whole): the report', content: json(UploadStatusSchema) },
    202: { description: 'Received; still being applied', content: json(UploadStatusSchema) },
    401: { description: 'No valid token', content: json(ApiErrorSchema) },
    403: { description: 'The token is for another feed', content: json(ApiErrorSchema) },
    413: { description: 'Too large', content: json(ApiErrorSchema) },
    422: { description: 'The file was refused as a whole (not UTF-8, wrong header, empty): nothing applied', content: json(ApiErrorSchema) },
    500: { description: 'The file failed for good, on our side: nothing applied; send it again', content: json(ApiErrorSchema) },
    415: { description: 'Not a CSV body', content: json(ApiErrorSchema) },
    429: { description: 'Too many uploads this hour', content: json(ApiErrorSchema) },
    503: { description: 'The file could not be stored on our side (no room left): nothing kept; send it again later (Retry-After)', content: json(ApiErrorSchema) },
  },
});

const statusRoute = createRoute({
  method: 'get',
  path: '/feeds/{feed}/uploads/{id}',
  summary: "An upload's state and report (same token)",
  request: { params: JobParam },
  responses: {
    200: { description: 'The upload', content: json(UploadStatusSchema) },
    400: { description: 'The id is not an upload id', content: json(ApiErrorSchema) },
    401: { description: 'No valid token', content: json(ApiErrorSchema) },
    404: { description: 'No such upload for this feed', content: json(ApiErrorSchema) },
  },
});

function statusOf(id: number, state: UploadStatus['state'], outcome: UploadJobResult | null): UploadStatus {
  if (!outcome) return { id, state };
  if ('report' in outcome) return { id, state, report: outcome.report };
  if ('refused' in outcome) return { id, state, refused: outcome.refused };
  // An attempt failed on our side: tried again (queued) or, once given up, the partner's to resend.
  return state === 'failed' ? { id, state, failed: { code: outcome.error, message: NOT_APPLIED } } : { id, state };
}

/** How each refusal is said over HTTP. */
const REFUSAL_STATUS = {
  rate_limited: [429, 'rate_limited'],
  payload_too_large: [413, 'payload_too_large'],
  disk_full: [503, 'unavailable'],
  not_stored: [503, 'unavailable'],
  not_queued: [503, 'unavailable'],
} as const satisfies Record<RefusalCode, readonly [number, string]>;
/** A partner's system that was refused for want of room on our side may try again this much later. */
const RETRY_AFTER_S = 600;

function refusal(c: Context, r: UploadRefused) {
  const [status, code] = REFUSAL_STATUS[r.code];
  return apiError(c, status, code, r.message, status === 503 ? { retryAfterSeconds: RETRY_AFTER_S } : {});
}

/** The feed the request's token may push to, or an error response. */
async function tokenFeed(c: Context, database: Database, feed: string): Promise<FeedId | Response> {
  const header = c.req.header('authorization') ?? '';
  const m = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(header);
  const found = m ? await useFeedToken(database.db, feedTokenHash(m[1]!)) : undefined;
  if (!found) return apiError(c, 401, 'unauthorized', 'A valid feed API token is required (Authorization: Bearer <token>).');
  if (!isFeedId(feed) || found.feed !== feed) return apiError(c, 403, 'forbidden', 'This token is not for that feed.');
  return feed;
}

export function feedUploadRoutes(database: Database, opts: FeedUploadOptions) {
  // Path checks (an id that is not a number) answer in the one error shape, naming the field.
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const gate: UploadGate = {
    database,
    dataDir: opts.dataDir,
    maxBytes: opts.maxBytes,
    perHour: opts.perHour,
    now: opts.now,
    jobs: opts.jobs,
    log: (event) => console.error(`mast: https ${event}`),
  };

  app.openapi(uploadRoute, async (c) => {
    const feed = await tokenFeed(c, database, c.req.param('feed'));
    if (feed instanceof Response) return feed as never;
    const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (!['text/csv', 'application/csv', 'text/plain', 'application/octet-stream'].includes(type)) {
      return apiError(c, 415, 'unsupported_media_type', 'Send the file as the request body with Content-Type: text/csv.') as never;
    }
    const length = Number(c.req.header('content-length') ?? NaN);
    const before = await refusalBeforeSending(gate, feed, Number.isFinite(length) ? length : undefined);
    if (before) return refusal(c, before) as never;
    const body = c.req.raw.body;
    if (!body) return apiError(c, 400, 'bad_request', 'The request has no file in its body.') as never;
    // A file name is for the partner's own records; anything odd in it is replaced.
    const fileName = (c.req.header('x-file-name') ?? `${feed}-upload.csv`).replace(/[^\w.\- ]/g, '_').slice(0, 200);
    let id: number;
    try {
      id = await acceptUploadStream(gate, Readable.fromWeb(body as WebReadableStream<Uint8Array>), { feed, fileName, via: 'https' });
    } catch (e) {
      if (e instanceof UploadRefused) return refusal(c, e) as never;
      throw e;
    }
    const job = await waitForUpload(database, id, opts.waitMs);
    if (!job) return c.json(statusOf(id, 'queued', null), 202);
    // A file refused as a whole (not UTF-8, wrong header, empty) is the sender's to fix.
    if (job.result && 'refused' in job.result) return apiError(c, 422, 'unprocessable', `Upload ${id} refused: ${job.result.refused.message}`) as never;
    if (job.state === 'failed') return apiError(c, 500, 'internal', `Upload ${id}: ${NOT_APPLIED}`) as never;
    return c.json(statusOf(id, job.state, job.result), 200);
  });

  app.openapi(statusRoute, async (c) => {
    const feed = await tokenFeed(c, database, c.req.param('feed'));
    if (feed instanceof Response) return feed as never;
    const id = Number(c.req.param('id'));
    const job = Number.isInteger(id) && id > 0 ? await getJob<UploadJobPayload, UploadJobResult>(database.db, id) : undefined;
    if (!job || job.kind !== 'apply-upload' || job.payload.feed !== feed) return apiError(c, 404, 'not_found', 'There is no such upload for this feed.') as never;
    return c.json(statusOf(job.id, job.state, job.result), 200);
  });

  return app;
}
