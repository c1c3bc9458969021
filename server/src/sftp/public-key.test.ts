import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, it, expect, afterAll } from 'vitest';
import { parseSftpPublicKey, PublicKeyError } from './public-key.ts';
import { tempFiles } from '../test/small-borough.ts';

const files = tempFiles();
afterAll(() => files.remove());

function keygen(name: string, ...args: string[]): string {
  const path = `${files.dir}/${name}`;
  execFileSync('ssh-keygen', ['-q', '-N', '', '-C', `${name} key`, '-f', path, ...args]);
  return path;
}
const fingerprintBySshKeygen = (pub: string) => execFileSync('ssh-keygen', ['-lf', pub], { encoding: 'utf8' }).split(' ')[1];

describe('a partner SFTP public key', () => {
  it.each([
    ['ssh-ed25519', ['-t', 'ed25519']],
    ['ecdsa-sha2-nistp256', ['-t', 'ecdsa', '-b', '256']],
    ['ecdsa-sha2-nistp384', ['-t', 'ecdsa', '-b', '384']],
    ['ssh-rsa', ['-t', 'rsa', '-b', '2048']],
  ])('keeps %s with the fingerprint ssh-keygen -lf prints', (algorithm, args) => {
    const path = keygen(algorithm, ...args);
    const key = parseSftpPublicKey(readFileSync(`${path}.pub`, 'utf8'));
    expect(key.algorithm).toBe(algorithm);
    expect(key.publicKey).toBe(readFileSync(`${path}.pub`, 'utf8').split(' ')[1]);
    expect(key.fingerprint).toBe(fingerprintBySshKeygen(`${path}.pub`));
    expect(key.comment).toBe(`${algorithm} key`);
  });

  it('refuses a private key, a short RSA key, garbage, and more than one key, without quoting them', () => {
    const ed = keygen('refused-ed', '-t', 'ed25519');
    const line = readFileSync(`${ed}.pub`, 'utf8').trim();
    const [algo, blob] = line.split(' ') as [string, string];
    const refusal = (text: string) => {
      try {
        parseSftpPublicKey(text);
      } catch (e) {
        expect(e).toBeInstanceOf(PublicKeyError);
        expect((e as Error).message).not.toContain(blob.slice(20, 40));
        return (e as Error).message;
      }
      throw new Error('accepted');
    };
    expect(refusal(readFileSync(ed, 'utf8'))).toMatch(/private key/);
    expect(refusal(readFileSync(`${keygen('short-rsa', '-t', 'rsa', '-b', '1024')}.pub`, 'utf8'))).toMatch(/at least 2048 bits/);
    expect(refusal('hello world')).toMatch(/supported type/);
    expect(refusal('')).toMatch(/found 0/);
    expect(refusal(`${line}\n${line}\n`)).toMatch(/found 2/);
    expect(refusal(`${algo} ${blob.slice(0, -4)}`)).toMatch(/malformed/);
    expect(refusal(`${algo} not*base64`)).toMatch(/malformed/);
    expect(refusal(`ssh-rsa ${blob}`)).toMatch(/malformed/);
    expect(refusal(`ssh-dss ${blob}`)).toMatch(/supported type/);
  });
});
