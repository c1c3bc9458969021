// Encrypts secrets kept in the database (TOTP keys) with AES-256-GCM, so that a copy of the
// database alone does not give anyone a second factor. The key comes from MAST_SECRET_KEY (64 hex
// characters) or, when that is unset, from <data dir>/secret.key, made once with mode 0600.
// Losing the key means every user enrols their authenticator again; never log it.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const keys = new Map<string, Buffer>();

/** The key for encrypted columns, read (or made) once per process. */
export function secretKey(env: NodeJS.ProcessEnv = process.env): Buffer {
  const fromEnv = env.MAST_SECRET_KEY;
  if (fromEnv !== undefined && fromEnv !== '') {
    if (!/^[0-9a-fA-F]{64}$/.test(fromEnv)) throw new Error('MAST_SECRET_KEY must be 64 hex characters (32 bytes), e.g. from `openssl rand -hex 32`');
    return Buffer.from(fromEnv, 'hex');
  }
  const file = join(resolve(env.MAST_DATA_DIR ?? '.data'), 'secret.key');
  const known = keys.get(file);
  if (known) return known;
  if (!existsSync(file)) {
    mkdirSync(resolve(file, '..'), { recursive: true });
    // 'wx': two processes starting at once cannot both write a key.
    try {
      writeFileSync(file, randomBytes(32).toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
  if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte hex key`);
  keys.set(file, key);
  return key;
}

export function sealSecret(plain: Uint8Array, key: Buffer = secretKey()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return `v1:${Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64')}`;
}

/** The secret, or undefined when it was sealed with another key or altered. */
export function openSecret(sealed: string, key: Buffer = secretKey()): Uint8Array | undefined {
  if (!sealed.startsWith('v1:')) return undefined;
  const raw = Buffer.from(sealed.slice(3), 'base64');
  if (raw.length < 12 + 16) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(raw.length - 16));
    return new Uint8Array(Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]));
  } catch {
    return undefined;
  }
}
