import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { HealthSchema } from '@mast/shared';
import { pingDatabase, type Database, type Reads } from '@mast/db';

const route = createRoute({
  method: 'get',
  path: '/health',
  summary: 'Whether the server and its database answer',
  responses: {
    200: { description: 'Up', content: { 'application/json': { schema: HealthSchema } } },
    503: { description: 'The database does not answer', content: { 'application/json': { schema: HealthSchema } } },
  },
});

/** A monitor sees, beside the primary's health, whether this process's lookups are on a replica. */
export function healthRoutes(database: Database, reads: Reads) {
  return new OpenAPIHono().openapi(route, async (c) => {
    const up = await pingDatabase(database);
    const source = reads.pick();
    const body = {
      status: up ? 'ok' : 'unavailable',
      database: up ? 'up' : 'down',
      backend: database.backend,
      lookupsReadFrom: source.servedBy,
      replicaLagSeconds: source.lagSeconds,
    } as const;
    return up ? c.json(body, 200) : c.json(body, 503);
  });
}
