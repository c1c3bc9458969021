// The SFTP server's own key (ed25519), made on first start and kept, so that partners who pinned
// its fingerprint keep trusting it. Never replaced silently: a key that will not load stops the
// start, since a new one would look like an impostor to every partner.
import { randomUUID } from 'node:crypto';
import { chmod, link, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { keyFingerprint } from './public-key.ts';

export const HOST_KEY_FILE = 'host_ed25519_key';

export interface HostKey {
  privateKey: Buffer;
  /** SHA256:..., what a partner's client shows on first connection. */
  fingerprint: string;
}

/** A key ssh2 can read back: an OpenSSH private key, unencrypted. */
function readable(key: Buffer | string) {
  const parsed = ssh2.utils.parseKey(key);
  return parsed instanceof Error || Array.isArray(parsed) || !parsed.isPrivateKey() ? undefined : parsed;
}

const generateEd25519 = () => ssh2.utils.generateKeyPairSync('ed25519').private;

/**
 * A new host key that ssh2 reads back. Its generator drops the leading zero byte of an ed25519
 * public key that starts with one (about 1 key in 256), writing a key its own parser refuses;
 * kept, it would stop every later start. Such a key is thrown away and another made.
 */
export function newHostKey(generate: () => string = generateEd25519): string {
  for (let tries = 0; tries < 20; tries++) {
    const key = generate();
    if (readable(key)) return key;
  }
  throw new Error('no readable SFTP host key could be generated');
}

export async function loadOrCreateHostKey(dir: string): Promise<HostKey> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, HOST_KEY_FILE);
  let privateKey = await readFile(path).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return undefined;
    throw e;
  });
  if (!privateKey) {
    // Written whole to a temporary file, then linked into place: two processes starting at once
    // agree on one key (the second link fails and that process reads the first one's key).
    const tmp = join(dir, `.${HOST_KEY_FILE}.${randomUUID()}`);
    await writeFile(tmp, newHostKey(), { mode: 0o600 });
    try {
      await link(tmp, path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    } finally {
      await rm(tmp, { force: true });
    }
    privateKey = await readFile(path);
  }
  if (((await stat(path)).mode & 0o077) !== 0) await chmod(path, 0o600);
  const parsed = readable(privateKey);
  if (!parsed) {
    throw new Error(`the SFTP host key ${path} cannot be read as an unencrypted OpenSSH private key; restore it from backup (a new key would look like an impostor to partners)`);
  }
  return { privateKey, fingerprint: keyFingerprint(parsed.getPublicSSH()) };
}
