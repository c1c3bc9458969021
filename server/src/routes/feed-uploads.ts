// Partner systems that push over HTTPS: POST a feed file with the feed's API token. The file is
// staged whole, applied by a durable job, and the answer is the same report an SFTP partner
// finds in their outbox. Authenticated by token, not by a person's session, so these routes
// sit before the session guard.
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { ApiErrorSchema, isFeedId, type FeedId } from '@mast/shared';
import { getJob, useFeedToken, type Database } from '@mast/db';
import { countUpload } from '../feeds/upload-allowance.ts';
import { validationHook } from '../http/validation-hook.ts';
import { apiError } from '../http/errors.ts';
import { json } from '../http/json-content.ts';
import type { AppEnv } from '../http/with-auth.ts';
import { feedTokenHash } from '../auth/feed-token.ts';
import { enqueueUpload, NOT_APPLIED, stageUpload, UploadTooLargeError, waitForUpload, type UploadJobPayload, type UploadJobResult } from '../feeds/uploads.ts';
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

const UploadStatusSchema = z
  .object({
    id: z.number().int().openapi({ description: 'The upload job: ask GET /api/feeds/{feed}/uploads/{id} for its report.' }),
    state: z.enum(['queued', 'running', 'done', 'failed']),
    report: z.record(z.string(), z.unknown()).optional().openapi({ description: 'Counts, rejected rows (row number and reasons) and ignored columns.' }),
    refused: z.object({ code: z.string(), message: z.string() }).optional(),
    failed: z
      .object({ code: z.string(), message: z.string() })
      .optional()
      .openapi({ description: 'The file failed for good, on our side (state failed): nothing in it was applied; send it again.' }),
  })
  .openapi('UploadStatus');

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
  if ('report' in outcome) return { id, state, report: outcome.report as unknown as Record<string, unknown> };
  if ('refused' in outcome) return { id, state, refused: outcome.refused };
  // An attempt failed on our side: tried again (queued) or, once given up, the partner's to resend.
  return state === 'failed' ? { id, state, failed: { code: outcome.error, message: NOT_APPLIED } } : { id, state };
}
type UploadStatus = z.infer<typeof UploadStatusSchema>;

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

  app.openapi(uploadRoute, async (c) => {
    const feed = await tokenFeed(c, database, c.req.param('feed'));
    if (feed instanceof Response) return feed as never;
    const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (!['text/csv', 'application/csv', 'text/plain', 'application/octet-stream'].includes(type)) {
      return apiError(c, 415, 'unsupported_media_type', 'Send the file as the request body with Content-Type: text/csv.') as never;
    }
    const length = Number(c.req.header('content-length') ?? NaN);
    if (Number.isFinite(length) && length > opts.maxBytes) {
      return apiError(c, 413, 'payload_too_large', `The file is larger than the ${Math.round(opts.maxBytes / 1e6)} MB limit.`) as never;
    }
    if ((await countUpload(database.db, feed, opts.now())) > opts.perHour) {
      return apiError(c, 429, 'rate_limited', `This feed has sent more than ${opts.perHour} files this hour; try again next hour.`) as never;
    }
    const body = c.req.raw.body;
    if (!body) return apiError(c, 400, 'bad_request', 'The request has no file in its body.') as never;
    let staged: { stagedPath: string };
    try {
      staged = await stageUpload(opts.dataDir, Readable.fromWeb(body as WebReadableStream<Uint8Array>), opts.maxBytes);
    } catch (e) {
      if (e instanceof UploadTooLargeError) return apiError(c, 413, 'payload_too_large', e.message) as never;
      throw e;
    }
    // A file name is for the partner's own records; anything odd in it is replaced.
    const fileName = (c.req.header('x-file-name') ?? `${feed}-upload.csv`).replace(/[^\w.\- ]/g, '_').slice(0, 200);
    const payload: UploadJobPayload = { feed, stagedPath: staged.stagedPath, fileName, via: 'https' };
    const id = await enqueueUpload(database, payload);
    opts.jobs?.wake();
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
