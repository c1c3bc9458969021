// Serves the built PWA from the same origin as the API. Client-side routes fall back to
// index.html; hashed assets are cached for a year, the shell and service worker never.
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';

export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../../web/build', import.meta.url));

export function mountWeb(app: Hono<any>, webRoot = DEFAULT_WEB_ROOT): boolean {
  if (!existsSync(webRoot)) return false;
  const root = relative(process.cwd(), webRoot) || '.';
  app.use('*', async (c, next) => {
    await next();
    if (c.req.path.startsWith('/_app/immutable/')) c.header('Cache-Control', 'public, max-age=31536000, immutable');
    else if (!c.req.path.startsWith('/api/')) c.header('Cache-Control', 'no-cache');
  });
  app.get('*', serveStatic({ root }));
  app.get('*', serveStatic({ root, path: 'index.html' }));
  return true;
}
