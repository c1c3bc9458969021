// A partner's SFTP public key, as one OpenSSH line ("ssh-ed25519 AAAA... comment"): checked,
// and reduced to what sftp_keys keeps (algorithm, base64 blob, fingerprint). Error messages
// never quote the file, which could be a private key given by mistake.
import { createHash, createPublicKey } from 'node:crypto';
import ssh2 from 'ssh2';

const ALGORITHMS = ['ssh-ed25519', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521', 'ssh-rsa'] as const;
const MIN_RSA_BITS = 2048;

export interface SftpPublicKey {
  algorithm: string;
  /** The public blob, base64, as in authorized_keys. */
  publicKey: string;
  /** SHA256:... exactly as `ssh-keygen -lf` prints it. */
  fingerprint: string;
  comment: string;
}

export class PublicKeyError extends Error {}

/** SHA256:<base64 without padding> of a key's public blob, as OpenSSH prints it. */
export function keyFingerprint(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

export function parseSftpPublicKey(text: string): SftpPublicKey {
  if (/PRIVATE KEY/.test(text)) throw new PublicKeyError('this is a private key: give the public key (the .pub file), and keep the private key with the partner');
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  if (lines.length !== 1) throw new PublicKeyError(`expected one public key line (as in a .pub file), found ${lines.length}`);
  const [algorithm = '', base64 = '', ...comment] = lines[0]!.split(/\s+/);
  if (!(ALGORITHMS as readonly string[]).includes(algorithm)) {
    throw new PublicKeyError(`not an OpenSSH public key of a supported type (${ALGORITHMS.join(', ')})`);
  }
  const blob = Buffer.from(base64, 'base64');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64) || blob.length === 0 || blob.toString('base64') !== base64) {
    throw new PublicKeyError('the key is malformed (its base64 part does not decode)');
  }
  const parsed = ssh2.utils.parseKey(`${algorithm} ${base64}`);
  if (parsed instanceof Error || Array.isArray(parsed) || parsed.isPrivateKey() || parsed.type !== algorithm || !parsed.getPublicSSH().equals(blob)) {
    throw new PublicKeyError('the key is malformed (its algorithm and contents do not agree)');
  }
  if (algorithm === 'ssh-rsa') {
    const bits = createPublicKey(parsed.getPublicPEM()).asymmetricKeyDetails?.modulusLength ?? 0;
    if (bits < MIN_RSA_BITS) throw new PublicKeyError(`an RSA key must have at least ${MIN_RSA_BITS} bits (this one has ${bits}); ed25519 is better`);
  }
  return { algorithm, publicKey: base64, fingerprint: keyFingerprint(blob), comment: comment.join(' ') };
}
