// Serves the built PWA from the same origin as the API. Client-side routes (/address/123,
// /review/...) get index.html; a file that is not there (/favicon.ico, /address/sw.js) is a 404,
// never the app's HTML in its place. Text files go out as the build's Brotli or gzip copy when the
// browser takes one. Hashed assets are cached for a year, the shell and service worker never.
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Context, Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { addVary, setAnswerHeader } from './response-headers.ts';

export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../../web/build', import.meta.url));

/** A path the app routes itself: not under /_app/, and no file extension in its last segment. */
export function isAppRoute(path: string): boolean {
  if (path.startsWith('/_app/')) return false;
  const last = path.slice(path.lastIndexOf('/') + 1);
  return !last.includes('.');
}

export function mountWeb(app: Hono<any>, webRoot = DEFAULT_WEB_ROOT): boolean {
  if (!existsSync(webRoot)) return false;
  const root = relative(process.cwd(), webRoot) || '.';
  app.use('*', async (c, next) => {
    await next();
    if (c.req.path.startsWith('/api/')) return;
    setAnswerHeader(c, 'Cache-Control', c.req.path.startsWith('/_app/immutable/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    // The same URL is sent compressed or not by what the browser accepts.
    if (c.res.ok) addVary(c, 'Accept-Encoding');
  });
  const shell = serveStatic({ root, path: 'index.html', precompressed: true });
  app.get('*', serveStatic({ root, precompressed: true }));
  app.get('*', (c: Context, next) => (isAppRoute(c.req.path) ? shell(c, next) : next()));
  return true;
}
