// Settings read at start: a malformed limit stops the server, rather than switching the limit off.
import { describe, it, expect } from 'vitest';
import { demoAccountsWanted, inviteHours, publicOrigin, readConfig, sessionLimits, uploadLimits } from './config.ts';

describe('readConfig', () => {
  it('reads the upload limits, with defaults when they are not set', () => {
    expect(readConfig({}).uploads).toEqual({ maxBytes: 200_000_000, perHour: 60 });
    expect(readConfig({ MAST_UPLOAD_MAX_BYTES: '5000000', MAST_UPLOADS_PER_HOUR: '12' }).uploads).toEqual({ maxBytes: 5_000_000, perHour: 12 });
    expect(uploadLimits({ MAST_UPLOAD_MAX_BYTES: '', MAST_UPLOADS_PER_HOUR: '' })).toEqual({ maxBytes: 200_000_000, perHour: 60 });
  });

  it('refuses to start on an upload limit that is not a whole number above 0, naming the setting', () => {
    for (const bad of ['200MB', 'sixty', '1e9', '-5', '0', '2.5', ' 60', '0x10', '99999999999999999999']) {
      expect(() => readConfig({ MAST_UPLOAD_MAX_BYTES: bad }), bad).toThrow(/^MAST_UPLOAD_MAX_BYTES must be a whole number of bytes greater than 0/);
      expect(() => readConfig({ MAST_UPLOADS_PER_HOUR: bad }), bad).toThrow(/^MAST_UPLOADS_PER_HOUR must be a whole number of files greater than 0/);
      expect(() => readConfig({ MAST_SFTP_REPORT_DAYS: bad }), bad).toThrow(/^MAST_SFTP_REPORT_DAYS must be a whole number of days greater than 0/);
    }
  });

  it('keeps SFTP reports 30 days unless told otherwise', () => {
    expect(readConfig({}).sftpReportDays).toBe(30);
    expect(readConfig({ MAST_SFTP_REPORT_DAYS: '7' }).sftpReportDays).toBe(7);
  });

  it('ends sessions after 30 idle minutes and 12 hours unless told otherwise, and refuses a malformed limit', () => {
    expect(readConfig({}).sessions).toEqual({ idleMinutes: 30, hours: 12 });
    expect(sessionLimits({ MAST_SESSION_IDLE_MINUTES: '10', MAST_SESSION_HOURS: '8' })).toEqual({ idleMinutes: 10, hours: 8 });
    for (const bad of ['30m', '0', '-1', '1.5']) {
      expect(() => readConfig({ MAST_SESSION_IDLE_MINUTES: bad }), bad).toThrow(/^MAST_SESSION_IDLE_MINUTES must be a whole number of minutes/);
      expect(() => readConfig({ MAST_SESSION_HOURS: bad }), bad).toThrow(/^MAST_SESSION_HOURS must be a whole number of hours/);
    }
  });
});

describe('readConfig: the settings the server passes in, each checked at start', () => {
  it('reads the read replicas, several separated by commas, and the lag bound (5 s unless told)', () => {
    const primary = { DATABASE_URL: 'postgres://mast@db1/mast' };
    expect(readConfig(primary)).toMatchObject({ replicaUrls: [], replicaMaxLagSeconds: 5 });
    expect(readConfig({ ...primary, DATABASE_REPLICA_URL: ' postgres://mast@db2/mast , postgresql://mast:pw@db3:5433/mast', MAST_REPLICA_MAX_LAG_SECONDS: '2.5' })).toMatchObject({
      replicaUrls: ['postgres://mast@db2/mast', 'postgresql://mast:pw@db3:5433/mast'],
      replicaMaxLagSeconds: 2.5,
    });
  });

  it('refuses replicas that are not postgres:// URLs without quoting them (a URL may hold a password), or with no primary', () => {
    const primary = { DATABASE_URL: 'postgres://mast@db1/mast' };
    for (const bad of ['db2', 'http://db2/mast', 'postgres://mast@db2/mast,', 'postgres://mast@db2/mast,,postgres://db3/mast', 'postgres://mast:secret@db2/mast;postgres://x', 'postgres://db2/mast postgres://db3/mast']) {
      expect(() => readConfig({ ...primary, DATABASE_REPLICA_URL: bad }), bad).toThrow(/^DATABASE_REPLICA_URL must be postgres:\/\/ URLs separated by commas \(number \d is not one\)$/);
    }
    expect(() => readConfig({ ...primary, DATABASE_REPLICA_URL: 'mast:secret@db2' })).not.toThrow(/secret/);
    expect(() => readConfig({ DATABASE_REPLICA_URL: 'postgres://mast@db2/mast' })).toThrow(/^DATABASE_REPLICA_URL needs DATABASE_URL/);
    for (const bad of ['5s', '0', '-1', 'soon']) expect(() => readConfig({ ...primary, MAST_REPLICA_MAX_LAG_SECONDS: bad }), bad).toThrow(/^MAST_REPLICA_MAX_LAG_SECONDS must be a positive number/);
  });

  it('gives a job a 60 s lease unless told, and refuses a lease that is not whole milliseconds (never NaN)', () => {
    expect(readConfig({}).jobLeaseMs).toBe(60_000);
    expect(readConfig({ MAST_JOB_LEASE_MS: '1500' }).jobLeaseMs).toBe(1500);
    for (const bad of ['60s', 'NaN', '0', '1.5']) expect(() => readConfig({ MAST_JOB_LEASE_MS: bad }), bad).toThrow(/^MAST_JOB_LEASE_MS must be a whole number of milliseconds greater than 0/);
  });

  it('reads the alert list hours, the bulk-read limits and the second factor rule, refusing malformed ones', () => {
    expect(readConfig({})).toMatchObject({ alertListHours: 12, requireSecondFactor: false, bulkReadLimits: { responder: 20 } });
    expect(readConfig({ MAST_ALERT_LIST_HOURS: '8', MAST_DEMO: '0', MAST_BULK_READ_LIMITS: 'responder=5' })).toMatchObject({
      alertListHours: 8,
      requireSecondFactor: true,
      bulkReadLimits: { responder: 5, 'data-steward': 60 },
    });
    // Only "1" trusts a proxy's headers: "true" or "yes" does not quietly turn it on.
    expect([readConfig({}).trustProxy, readConfig({ MAST_TRUST_PROXY: '1' }).trustProxy, readConfig({ MAST_TRUST_PROXY: 'true' }).trustProxy]).toEqual([false, true, false]);
    expect(readConfig({ MAST_PUBLIC_URL: 'https://mast.example.org/path', MAST_INVITE_HOURS: '24' })).toMatchObject({ publicOrigin: 'https://mast.example.org', inviteHours: 24 });
    expect(() => readConfig({ MAST_PUBLIC_URL: 'ftp://mast.example.org' })).toThrow(/^MAST_PUBLIC_URL must be an http\(s\) URL/);
    expect(() => readConfig({ MAST_INVITE_HOURS: '1000' })).toThrow(/^MAST_INVITE_HOURS must be at most 720 hours/);
    expect(() => readConfig({ MAST_ALERT_LIST_HOURS: '12h' })).toThrow(/^MAST_ALERT_LIST_HOURS must be a whole number of hours/);
    expect(() => readConfig({ MAST_BULK_READ_LIMITS: 'responder=lots' })).toThrow(/^MAST_BULK_READ_LIMITS must be role=views/);
  });
});

describe('demoAccountsWanted: a deployment never comes up with the demo passwords by accident', () => {
  const local = { demo: true, databaseUrl: undefined, host: '127.0.0.1', demoAccounts: undefined };
  it('creates them for a demo on this machine alone', () => {
    expect(demoAccountsWanted(local)).toBe(true);
    expect(demoAccountsWanted({ ...local, host: 'localhost' })).toBe(true);
    expect(demoAccountsWanted({ ...local, host: '::1' })).toBe(true);
  });
  it('does not with a shared database or listening beyond loopback, unless MAST_DEMO_ACCOUNTS=1 asks', () => {
    expect(demoAccountsWanted({ ...local, databaseUrl: 'postgres://db/mast' })).toBe(false);
    expect(demoAccountsWanted({ ...local, host: '0.0.0.0' })).toBe(false);
    expect(demoAccountsWanted({ ...local, host: '10.1.2.3' })).toBe(false);
    expect(demoAccountsWanted({ ...local, host: '::' })).toBe(false);
    expect(demoAccountsWanted({ ...local, host: '0.0.0.0', demoAccounts: '1' })).toBe(true);
    expect(demoAccountsWanted({ ...local, databaseUrl: 'postgres://db/mast', demoAccounts: '1' })).toBe(true);
  });
  it('never with the demo off, or when MAST_DEMO_ACCOUNTS=0 refuses', () => {
    expect(demoAccountsWanted({ ...local, demo: false, demoAccounts: '1' })).toBe(false);
    expect(demoAccountsWanted({ ...local, demoAccounts: '0' })).toBe(false);
    expect(readConfig({ DATABASE_URL: 'postgres://x/y' }).demoAccounts).toBe(false);
    expect(readConfig({}).demoAccounts).toBe(true);
  });
});

describe('account settings', () => {
  it('keeps invitations 72 hours unless told, and refuses a value that is no whole number of hours up to 30 days', () => {
    expect(inviteHours({})).toBe(72);
    expect(inviteHours({ MAST_INVITE_HOURS: '24' })).toBe(24);
    for (const bad of ['0', '1.5', '3d', '721']) expect(() => inviteHours({ MAST_INVITE_HOURS: bad })).toThrowError(/MAST_INVITE_HOURS/);
  });

  it('takes the origin of MAST_PUBLIC_URL, and refuses anything but an http(s) URL', () => {
    expect(publicOrigin({})).toBeUndefined();
    expect(publicOrigin({ MAST_PUBLIC_URL: 'https://mast.example.org/some/path' })).toBe('https://mast.example.org');
    for (const bad of ['mast.example.org', 'ftp://mast.example.org']) expect(() => publicOrigin({ MAST_PUBLIC_URL: bad })).toThrowError(/MAST_PUBLIC_URL/);
  });
});
