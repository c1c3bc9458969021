// Browser protections for every answer: a Content-Security-Policy that lets the page run only
// mast's own scripts (the one inline bootstrap script SvelteKit writes into the built HTML is
// allowed by its hash, read from the build at start), frames nobody in, and loads no plugin; and a
// Permissions-Policy that switches off the device features mast never uses.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The sha256 of every inline <script> in the built shell, as CSP source expressions. */
export function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const m of html.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script>/gi)) {
    const attrs = m[1] ?? '';
    if (/\ssrc\s*=/i.test(attrs) || m[2]!.length === 0) continue;
    hashes.push(`'sha256-${createHash('sha256').update(m[2]!, 'utf8').digest('base64')}'`);
  }
  return hashes;
}

export function contentSecurityPolicy(scriptHashes: readonly string[]): string {
  return [
    "default-src 'self'",
    `script-src 'self' ${scriptHashes.join(' ')}`.trim(),
    // Svelte sets style attributes (transitions, sizes): styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The policy for a built web app in `webRoot` (its index.html's inline scripts hashed). */
export function contentSecurityPolicyFor(webRoot: string | false | undefined): string {
  const shell = webRoot ? join(webRoot, 'index.html') : undefined;
  const hashes = shell && existsSync(shell) ? inlineScriptHashes(readFileSync(shell, 'utf8')) : [];
  return contentSecurityPolicy(hashes);
}

export const PERMISSIONS_POLICY = [
  'accelerometer=()',
  'autoplay=()',
  'camera=()',
  'display-capture=()',
  'geolocation=()',
  'gyroscope=()',
  'magnetometer=()',
  'microphone=()',
  'midi=()',
  'payment=()',
  'usb=()',
  'interest-cohort=()',
].join(', ');
