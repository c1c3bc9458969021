// What the browser is told to enforce (CSP, Permissions-Policy, the session cookie's flags) and
// what the server refuses before reading it (an oversized body).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { openTestDatabase, type Database } from '@mast/db';
import { ApiErrorSchema } from '@mast/shared';
import { createApp } from '../app.ts';
import { seedDemoUsers } from '../seed/demo-users.ts';
import { backendName } from '../test/small-borough.ts';
import { contentSecurityPolicy, inlineScriptHashes } from './security-headers.ts';
import { JSON_BODY_LIMIT_BYTES } from './body-limit.ts';

describe(`browser protections (${backendName()})`, () => {
  let database: Database;
  let webRoot: string;
  let app: ReturnType<typeof createApp>;
  const bootstrap = 'import("/_app/start.js").then((app) => app.start())';

  beforeAll(async () => {
    database = await openTestDatabase();
    await seedDemoUsers(database.db);
    webRoot = mkdtempSync(join(tmpdir(), 'mast-web-'));
    writeFileSync(join(webRoot, 'index.html'), `<!doctype html><html><head><script type="module" src="/_app/x.js"></script></head><body><script>${bootstrap}</script></body></html>`);
    app = createApp({ database, webRoot, requireSecondFactor: false });
  });
  afterAll(async () => {
    await database?.close();
    rmSync(webRoot, { recursive: true, force: true });
  });

  const login = (url: string, headers: Record<string, string> = {}) =>
    app.request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ username: 'nurse', password: 'mast-demo-nurse' }) });

  describe('Content-Security-Policy and Permissions-Policy', () => {
    it('are on every HTML page: only our scripts, the bootstrap by its hash, no frames, no plugins, no base', async () => {
      for (const path of ['/', '/address/100000000001', '/login']) {
        const res = await app.request(path);
        expect(res.headers.get('content-type')).toMatch(/text\/html/);
        const csp = res.headers.get('content-security-policy')!;
        const hash = createHash('sha256').update(bootstrap).digest('base64');
        expect(csp).toContain(`script-src 'self' 'sha256-${hash}'`);
        expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
        for (const rule of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'", "default-src 'self'"]) expect(csp).toContain(rule);
        const permissions = res.headers.get('permissions-policy')!;
        for (const feature of ['camera=()', 'microphone=()', 'geolocation=()', 'payment=()']) expect(permissions).toContain(feature);
      }
    });

    it('hashes inline scripts only, not those loaded by src', () => {
      expect(inlineScriptHashes('<script src="/a.js"></script><script>x()</script><script type="module">y()</script>')).toEqual([
        `'sha256-${createHash('sha256').update('x()').digest('base64')}'`,
        `'sha256-${createHash('sha256').update('y()').digest('base64')}'`,
      ]);
      expect(contentSecurityPolicy([])).toContain("script-src 'self';");
    });
  });

  describe('the session cookie', () => {
    it('on plain http://localhost: HttpOnly, SameSite=Lax, a plain name (a Secure cookie could not be set)', async () => {
      const cookie = (await login('http://localhost/api/auth/login')).headers.get('set-cookie')!;
      expect(cookie).toMatch(/^mast_session=[a-z2-7]{32};/);
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Lax/);
      expect(cookie).not.toMatch(/Secure/);
    });

    it('over HTTPS: __Host- prefixed, Secure, path /, no domain; and only that cookie is read there', async () => {
      const res = await login('https://mast.example/api/auth/login');
      const cookie = res.headers.get('set-cookie')!;
      expect(cookie).toMatch(/^__Host-mast_session=[a-z2-7]{32};/);
      expect(cookie).toMatch(/Secure/);
      expect(cookie).toMatch(/Path=\//);
      expect(cookie).not.toMatch(/Domain=/i);
      const token = cookie.split(';')[0]!.split('=')[1]!;
      expect((await app.request('https://mast.example/api/auth/me', { headers: { cookie: `__Host-mast_session=${token}` } })).status).toBe(200);
      // A plain-named cookie (which a neighbouring subdomain could plant) is not read over HTTPS.
      expect((await app.request('https://mast.example/api/auth/me', { headers: { cookie: `mast_session=${token}` } })).status).toBe(401);
    });

    it("believes a proxy's X-Forwarded-Proto only when told to trust it (MAST_TRUST_PROXY=1)", async () => {
      expect((await login('http://mast.internal/api/auth/login', { 'x-forwarded-proto': 'https' })).headers.get('set-cookie')).toMatch(/^mast_session=/);
      const behindProxy = createApp({ database, webRoot, requireSecondFactor: false, trustProxy: true });
      const res = await behindProxy.request('http://mast.internal/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https', 'x-forwarded-for': '198.51.100.3' },
        body: JSON.stringify({ username: 'nurse', password: 'mast-demo-nurse' }),
      });
      expect(res.headers.get('set-cookie')).toMatch(/^__Host-mast_session=.*Secure/);
    });
  });

  describe('request bodies are limited before they are read', () => {
    /** A body of `total` bytes that counts what is read of it, and fails if read past `failAfter`. */
    function countedBody(total: number, failAfter = Infinity) {
      const chunk = new Uint8Array(64 * 1024).fill(0x20);
      const seen = { bytes: 0 };
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (seen.bytes >= total) return controller.close();
          if (seen.bytes >= failAfter) return controller.error(new Error('read past the limit'));
          seen.bytes += chunk.length;
          controller.enqueue(chunk);
        },
      });
      return { stream, seen };
    }

    it('refuses a 200 MB JSON body to the sign-in route with 413, having read no more than the limit', async () => {
      const { stream, seen } = countedBody(200_000_000, JSON_BODY_LIMIT_BYTES * 4);
      const res = await app.request(new Request('http://localhost/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: stream, duplex: 'half' } as RequestInit));
      expect(res.status).toBe(413);
      expect(ApiErrorSchema.parse(await res.json()).error.code).toBe('payload_too_large');
      // A stream is read a chunk or two ahead of its reader: a few 64 KB chunks, never the 200 MB.
      expect(seen.bytes).toBeLessThanOrEqual(JSON_BODY_LIMIT_BYTES * 4);
    });

    it('refuses by Content-Length without reading a byte', async () => {
      const { stream, seen } = countedBody(200_000_000, 0);
      const res = await app.request(
        new Request('http://localhost/api/auth/login', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': '200000000' },
          body: stream,
          duplex: 'half',
        } as RequestInit),
      );
      expect(res.status).toBe(413);
      expect(seen.bytes).toBe(0);
    });

    it('still takes an ordinary sign-in', async () => {
      expect((await login('http://localhost/api/auth/login')).status).toBe(200);
    });
  });
});
