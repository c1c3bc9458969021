import { describe, it, expect } from 'vitest';
import { normaliseSftpPath, resolveSftpPath } from './sftp-paths.ts';

describe('the SFTP tree a partner sees', () => {
  it('folds "." and ".." without ever going above "/"', () => {
    expect(normaliseSftpPath('.')).toBe('/');
    expect(normaliseSftpPath('')).toBe('/');
    expect(normaliseSftpPath('..')).toBe('/');
    expect(normaliseSftpPath('/../../etc/passwd')).toBe('/etc/passwd');
    expect(normaliseSftpPath('inbox/../outbox/')).toBe('/outbox');
    expect(normaliseSftpPath('//inbox//a.csv')).toBe('/inbox/a.csv');
  });

  it('maps every path to one of five shapes, never to a folder on disk', () => {
    expect(resolveSftpPath('/')).toEqual({ kind: 'root' });
    expect(resolveSftpPath('inbox')).toEqual({ kind: 'inbox' });
    expect(resolveSftpPath('/outbox/')).toEqual({ kind: 'outbox' });
    expect(resolveSftpPath('/inbox/police 2026-11-25.csv')).toEqual({ kind: 'inbox-file', name: 'police 2026-11-25.csv' });
    expect(resolveSftpPath('/outbox/../outbox/a.report.txt')).toEqual({ kind: 'outbox-file', name: 'a.report.txt' });
    expect(resolveSftpPath('/../../outbox/a')).toEqual({ kind: 'outbox-file', name: 'a' });
    expect(resolveSftpPath('/etc/passwd')).toEqual({ kind: 'none' });
    expect(resolveSftpPath('/nhs')).toEqual({ kind: 'none' });
    expect(resolveSftpPath('/outbox/../../nhs/outbox/x')).toEqual({ kind: 'none' });
    expect(resolveSftpPath('/inbox/sub/a.csv')).toEqual({ kind: 'none' });
    expect(resolveSftpPath('/inbox/a\u0000.csv')).toEqual({ kind: 'none' });
    expect(resolveSftpPath('/inbox/a\nb.csv')).toEqual({ kind: 'none' });
    expect(resolveSftpPath('/inbox/a\\b.csv')).toEqual({ kind: 'none' });
    expect(resolveSftpPath(`/inbox/${'x'.repeat(256)}`)).toEqual({ kind: 'none' });
  });
});
