// The secret that keys the trend copy's pseudonyms (HMAC-SHA-256 of person ids and UPRNs). It is
// kept outside the database, so a copy of the database alone cannot turn a pseudonym back into a
// person id or an address. MAST_PSEUDONYM_KEY (hex) when set, else <dataDir>/pseudonym.key,
// made on first use (32 random bytes as hex, mode 0600). Never logged, never in an error message.
import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { MIN_SECRET_BYTES } from '@mast/db';

export const PSEUDONYM_KEY_FILE = 'pseudonym.key';

export class PseudonymSecretError extends Error {
  readonly code = 'pseudonym_key_invalid';
  constructor(message: string) {
    super(message);
    this.name = 'PseudonymSecretError';
  }
}

const HEX = /^(?:[0-9a-fA-F]{2})+$/;

function parseKey(text: string, where: string): Buffer {
  const hex = text.trim();
  if (!HEX.test(hex) || hex.length < MIN_SECRET_BYTES * 2) {
    throw new PseudonymSecretError(`${where} must be at least ${MIN_SECRET_BYTES} bytes written as hex (${MIN_SECRET_BYTES * 2} or more hex digits).`);
  }
  return Buffer.from(hex, 'hex');
}

/**
 * The pseudonym secret. A file that exists but does not hold a key is an error, never replaced:
 * a new key would give the same people new pseudonyms and break the trend copy's continuity.
 * Several processes starting together make one key: it is written whole to a private file, then
 * linked into place, which fails for all but the first.
 */
export async function loadPseudonymSecret(dataDir: string, env: NodeJS.ProcessEnv = process.env): Promise<Buffer> {
  const fromEnv = env.MAST_PSEUDONYM_KEY;
  if (fromEnv !== undefined && fromEnv !== '') return parseKey(fromEnv, 'MAST_PSEUDONYM_KEY');

  const path = join(dataDir, PSEUDONYM_KEY_FILE);
  try {
    return parseKey(await readFile(path, 'utf8'), path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }

  await mkdir(dataDir, { recursive: true });
  const staged = join(dataDir, `.${PSEUDONYM_KEY_FILE}.${process.pid}.${randomBytes(4).toString('hex')}`);
  const file = await open(staged, 'wx', 0o600);
  try {
    await file.writeFile(`${randomBytes(MIN_SECRET_BYTES).toString('hex')}\n`);
    await file.sync();
  } finally {
    await file.close();
  }
  try {
    await link(staged, path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    // Another process made it first: use theirs.
  } finally {
    await unlink(staged).catch(() => {});
  }
  return parseKey(await readFile(path, 'utf8'), path);
}
