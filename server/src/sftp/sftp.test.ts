// The SFTP endpoint driven as partners drive it: Debian's OpenSSH sftp client in batch mode, with
// keys made by ssh-keygen, against a real server, job worker and database.
import { execFile, execFileSync, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, mkdirSync, utimesSync, writeFileSync, writeSync } from 'node:fs';
import { connect as connectTcp, type Socket } from 'node:net';
import { join } from 'node:path';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import ssh2 from 'ssh2';
import { addSftpKey, listJobs, openTestDatabase, revokeSftpKey, sql, type Database } from '@mast/db';
import { APPLY_UPLOAD, applyUploadHandler, stagingDir } from '../feeds/uploads.ts';
import { createApp } from '../app.ts';
import { issueFeedToken } from '../auth/feed-token.ts';
import { startJobWorker, type JobWorker } from '../jobs/worker.ts';
import { daysAgo } from '../test/days-ago.ts';
import { backendName, loadSmallBorough, tempFiles, type TempFiles } from '../test/small-borough.ts';
import { parseSftpPublicKey } from './public-key.ts';
import { feedOutboxDir, pruneOutboxes, startSftpServer, type SftpServer } from './sftp-server.ts';
import { HOST_KEY_FILE } from './host-key.ts';
import { mountTinyDisk } from '../test/tiny-disk.ts';

const POLICE_HEADER = 'incident_id,incident_date,category,given_name,family_name,date_of_birth,sex,uprn,address,postcode,lead_team';
// An upload is dated by the real clock (its job's created_at): rows from the last month.
const POLICE_CSV = [
  POLICE_HEADER,
  `SFTP-1,${daysAgo(31)},domestic-abuse,Sandra,Kelly,1971-03-14,F,,27 Mill Ln,MB3 4RT,POL-NORTH`,
  'SFTP-2,2026-02-30,violence,,,,,,27 Mill Lane,,POL-NORTH',
  `SFTP-3,${daysAgo(30)},concern-for-welfare,,,,,,27 Mill Lane,,POL-NORTH`,
].join('\n');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(cmd: string, args: string[], input?: string): Promise<Run> {
  return new Promise((resolve) => {
    // No agent and no user config: only the key given is offered.
    const env = { ...process.env, SSH_AUTH_SOCK: '' };
    const child = execFile(cmd, args, { env, timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
    child.stdin?.end(input ?? '');
  });
}

const sshOptions = (key: string, extra: string[] = []) => [
  '-F', '/dev/null',
  '-i', key,
  '-o', 'IdentitiesOnly=yes',
  '-o', 'StrictHostKeyChecking=no',
  '-o', 'UserKnownHostsFile=/dev/null',
  '-o', 'BatchMode=yes',
  '-o', 'LogLevel=ERROR',
  ...extra,
];

/** A plain TCP connection, as anyone who can reach the port can open. */
/** A bare TCP connection to the server, from `from` (any 127.x.y.z address is this machine). */
function tcp(port: number, from = '127.0.0.1'): Promise<{ socket: Socket; closed: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const socket = connectTcp({ port, host: '127.0.0.1', localAddress: from });
    const closed = new Promise<void>((r) => socket.once('close', () => r()));
    socket.once('connect', () => resolve({ socket, closed })).once('error', reject);
    // Read what the server sends (its greeting), or the end of the connection is never seen.
    socket.on('error', () => {}).resume();
  });
}

/** Whether `p` settles within `ms`. */
const settlesWithin = (p: Promise<unknown>, ms: number) =>
  Promise.race([p.then(() => true, () => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms))]);

const waitFor = async (what: () => boolean, ms = 30_000) => {
  const deadline = Date.now() + ms;
  while (!what()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
};

describe(`SFTP endpoint for partner files (${backendName()})`, () => {
  let database: Database;
  let files: TempFiles;
  let dataDir: string;
  let worker: JobWorker;
  let server: SftpServer;
  const logs: string[] = [];
  const key: Record<'police' | 'nhs' | 'stranger' | 'revoked', string> = { police: '', nhs: '', stranger: '', revoked: '' };

  const sftp = async (feed: string, keyPath: string, commands: string[], port = server.port) => {
    const batch = files.write(`batch-${Math.random().toString(36).slice(2)}.txt`, `${commands.join('\n')}\n`);
    return run('sftp', ['-b', batch, ...sshOptions(keyPath, ['-P', String(port)]), `${feed}@127.0.0.1`]);
  };
  const staged = () => (existsSync(stagingDir(dataDir)) ? readdirSync(stagingDir(dataDir)) : []);
  const outbox = (feed: 'police' | 'nhs') => feedOutboxDir(dataDir, feed);
  const uploadJobs = async () => (await listJobs(database.db, APPLY_UPLOAD, ['queued', 'running', 'done', 'failed'], 1000)).length;

  /** Connects with ssh2's client: for what OpenSSH's sftp will not do. */
  const connect = (config: Partial<ssh2.ConnectConfig>) =>
    new Promise<ssh2.Client>((resolve, reject) => {
      const client = new ssh2.Client();
      client.on('ready', () => resolve(client)).on('error', reject).on('close', () => reject(new Error('connection closed')));
      client.connect({ host: '127.0.0.1', port: server.port, readyTimeout: 10_000, ...config });
    });
  const sftpOf = (client: ssh2.Client) => new Promise<ssh2.SFTPWrapper>((resolve, reject) => client.sftp((err, s) => (err ? reject(err) : resolve(s))));
  /** An SFTP request's answer: undefined for OK, else the status message. */
  const answer = (start: (cb: (err: Error | null | undefined) => void) => void) => new Promise<string | undefined>((resolve) => start((err) => resolve(err?.message)));
  const openFile = (s: ssh2.SFTPWrapper, path: string) => new Promise<Buffer>((resolve, reject) => s.open(path, 'w', (err, h) => (err ? reject(err) : resolve(h))));

  beforeAll(async () => {
    database = await openTestDatabase();
    files = tempFiles();
    await loadSmallBorough(database, files);
    dataDir = join(files.dir, 'data');
    for (const name of Object.keys(key) as (keyof typeof key)[]) {
      key[name] = join(files.dir, `${name}_ed25519`);
      execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', `${name} test`, '-f', key[name]]);
    }
    const register = async (feed: string, path: string) => {
      const k = parseSftpPublicKey(readFileSync(`${path}.pub`, 'utf8'));
      return addSftpKey(database.db, { feed, label: `${feed} test`, algorithm: k.algorithm, publicKey: k.publicKey, fingerprint: k.fingerprint });
    };
    await register('police', key.police);
    await register('nhs', key.nhs);
    await revokeSftpKey(database.db, await register('police', key.revoked));
    worker = startJobWorker(database, { [APPLY_UPLOAD]: applyUploadHandler(database) }, { pollMs: 200 });
    server = await startSftpServer({ database, dataDir, port: 0, host: '127.0.0.1', jobs: worker, log: (l) => logs.push(l) });
  });
  afterAll(async () => {
    await server?.close();
    await worker?.stop();
    await database?.close();
    files?.remove();
  });

  it('takes a partner file into /inbox, applies it, and leaves its report in /outbox', async () => {
    const csv = files.write('police-2026-11-25.csv', POLICE_CSV);
    const put = await sftp('police', key.police, ['ls /', 'cd /inbox', `put -p ${csv}`, 'ls', 'cd /outbox', 'pwd']);
    expect(put.stderr).toBe('');
    expect(put.code).toBe(0);
    expect(put.stdout).toMatch(/\/inbox\s+\/outbox/);
    expect(put.stdout).toContain('Remote working directory: /outbox');

    const report = join(outbox('police'), 'police-2026-11-25.csv.report.txt');
    await waitFor(() => existsSync(report));
    const local = join(files.dir, 'got-report.txt');
    const got = await sftp('police', key.police, ['ls -l /outbox', `get /outbox/police-2026-11-25.csv.report.txt ${local}`]);
    expect(got.code).toBe(0);
    expect(got.stdout).toMatch(/-r--r--r--.*police-2026-11-25\.csv\.report\.txt/);
    const text = readFileSync(local, 'utf8');
    expect(text).toContain('police-2026-11-25.csv: APPLIED');
    expect(text).toContain('Rows: 3 read, 2 accepted, 1 rejected.');
    expect(text).toMatch(/^  row 3: .*incident_date is not a real calendar date/m);
    expect(text).not.toMatch(/Sandra|Kelly|2026-02-30/);

    const rows = await database.query<{ source_id: string }>(sql`SELECT source_id FROM involvements WHERE feed = 'police' ORDER BY source_id`);
    expect(rows.map((r) => r.source_id)).toEqual(['SFTP-1', 'SFTP-3']);
    const [upload] = await database.query<{ file_name: string }>(sql`SELECT file_name FROM feed_uploads ORDER BY id DESC LIMIT 1`);
    expect(upload!.file_name).toBe('police-2026-11-25.csv');
    // The raw file, personal data, is gone once applied.
    expect(staged()).toEqual([]);
    // Logs say what happened, never a file's name or what is in it.
    expect(logs.join('\n')).toContain('police: upload received');
    expect(logs.join('\n')).not.toMatch(/police-2026|Sandra|Kelly/);
  });

  it('reports the same file sent again as a DUPLICATE', async () => {
    const again = files.write('police-again.csv', POLICE_CSV);
    expect((await sftp('police', key.police, [`put ${again} /inbox`])).code).toBe(0);
    const report = join(outbox('police'), 'police-again.csv.report.txt');
    await waitFor(() => existsSync(report));
    expect(readFileSync(report, 'utf8')).toMatch(/^police-again\.csv: DUPLICATE/);
    expect(staged()).toEqual([]);
  });

  it('refuses a key nobody registered, a revoked key, another feed\'s key and an unknown account', async () => {
    const csv = files.write('refused.csv', POLICE_CSV);
    for (const [feed, k] of [
      ['police', key.stranger],
      ['police', key.revoked],
      ['police', key.nhs],
      ['nhs', key.police],
      ['root', key.police],
    ] as const) {
      const r = await sftp(feed, k, [`put ${csv} /inbox`]);
      expect(r.code, `${feed} with ${k}`).not.toBe(0);
      expect(r.stderr).toMatch(/Permission denied \(publickey\)/);
    }
    expect(existsSync(join(outbox('police'), 'refused.csv.report.txt'))).toBe(false);
  });

  it('refuses passwords and keyboard-interactive, offering public keys only', async () => {
    const password = connect({ username: 'police', password: 'police' });
    await expect(password).rejects.toMatchObject({ level: 'client-authentication' });
    const keyboard = connect({ username: 'police', tryKeyboard: true });
    await expect(keyboard).rejects.toMatchObject({ level: 'client-authentication' });
    // OpenSSH names the methods the server offers: public keys alone.
    const ssh = await run('ssh', [...sshOptions(key.stranger, ['-p', String(server.port), '-o', 'PasswordAuthentication=yes', '-o', 'KbdInteractiveAuthentication=yes']), 'police@127.0.0.1', 'true']);
    expect(ssh.stderr).toMatch(/Permission denied \(publickey\)\./);
    expect(logs.join('\n')).toContain('sign-in refused (password)');
  });

  it('checks the signature, not only the public key offered', async () => {
    const registered = ssh2.utils.parseKey(readFileSync(key.police)) as ssh2.ParsedKey;
    const other = ssh2.utils.parseKey(readFileSync(key.stranger)) as ssh2.ParsedKey;
    // Claims the police key, signs with another: what someone holding only the .pub could try.
    const forged = Object.assign(Object.create(Object.getPrototypeOf(other)), other, { getPublicSSH: () => registered.getPublicSSH() });
    const attempt = connect({ username: 'police', authHandler: [{ type: 'publickey', username: 'police', key: forged }] as never });
    await expect(attempt).rejects.toMatchObject({ level: 'client-authentication' });
    // The same client with the real private key gets in.
    const real = await connect({ username: 'police', privateKey: readFileSync(key.police) });
    real.end();
  });

  it('keeps each partner in its own tree: no other feed\'s outbox, no way out of /', async () => {
    mkdirSync(outbox('nhs'), { recursive: true });
    writeFileSync(join(outbox('nhs'), 'nhs-secret.csv.report.txt'), 'NHS ONLY\n');
    // Links planted in police's outbox are neither listed nor followed.
    symlinkSync(join(outbox('nhs'), 'nhs-secret.csv.report.txt'), join(outbox('police'), 'link.report.txt'));
    symlinkSync('/etc/passwd', join(outbox('police'), 'passwd'));
    const local = join(files.dir, 'stolen.txt');
    const attempts = [
      'get /outbox/nhs-secret.csv.report.txt',
      'get ../nhs/outbox/nhs-secret.csv.report.txt',
      'get /outbox/../../nhs/outbox/nhs-secret.csv.report.txt',
      'get /../../../../etc/passwd',
      'get ../../../../etc/passwd',
      'get /outbox/link.report.txt',
      'get /outbox/passwd',
      'get /inbox/police-2026-11-25.csv',
      'cd /nhs',
      'cd /outbox/../../nhs/outbox',
      'ls /etc',
    ];
    for (const attempt of attempts) {
      const r = await sftp('police', key.police, [`${attempt}${attempt.startsWith('get') ? ` ${local}` : ''}`]);
      expect(r.code, attempt).not.toBe(0);
      expect(existsSync(local), attempt).toBe(false);
    }
    const look = await sftp('police', key.police, ['cd ..', 'cd ..', 'pwd', 'ls -a', 'ls /outbox', 'ls /inbox']);
    expect(look.code).toBe(0);
    expect(look.stdout).toContain('Remote working directory: /\n');
    expect(look.stdout).not.toMatch(/nhs|passwd|link\.report/);
    expect(look.stdout).toContain('police-2026-11-25.csv.report.txt');
  });

  it('refuses writing outside /inbox and changing anything, and keeps serving', async () => {
    const csv = files.write('elsewhere.csv', 'x\n');
    const refused = [
      `put ${csv} /outbox/elsewhere.csv`,
      `put ${csv} /elsewhere.csv`,
      `put ${csv} /inbox/../../tmp/elsewhere.csv`,
      'rm /outbox/police-2026-11-25.csv.report.txt',
      'rename /outbox/police-2026-11-25.csv.report.txt /outbox/x',
      'mkdir /inbox/sub',
      'rmdir /outbox',
      'ln -s /etc/passwd /inbox/passwd',
      'chmod 777 /outbox/police-2026-11-25.csv.report.txt',
      `reput ${csv} /inbox/elsewhere.csv`,
    ];
    for (const command of refused) {
      const r = await sftp('police', key.police, [command]);
      expect(r.code, command).not.toBe(0);
    }
    expect(existsSync(join(outbox('police'), 'police-2026-11-25.csv.report.txt'))).toBe(true);
    expect(staged()).toEqual([]);
    expect((await sftp('police', key.police, ['ls /outbox'])).code).toBe(0);
  });

  it('survives malformed SFTP packets and requests with handles it never gave', async () => {
    const client = await connect({ username: 'police', privateKey: readFileSync(key.police) });
    try {
      const s = await new Promise<ssh2.SFTPWrapper>((resolve, reject) => client.sftp((err, w) => (err ? reject(err) : resolve(w))));
      const bogus = Buffer.from([0, 0, 0, 99]);
      const answer = (start: (cb: (err: Error | null | undefined) => void) => void) => new Promise<string>((resolve) => start((err) => resolve(err?.message ?? 'ok')));
      expect(await answer((cb) => s.write(bogus, Buffer.from('x'), 0, 1, 0, cb))).not.toBe('ok');
      expect(await answer((cb) => s.read(bogus, Buffer.alloc(10), 0, 10, 0, (e) => cb(e)))).not.toBe('ok');
      expect(await answer((cb) => s.close(bogus, cb))).not.toBe('ok');
      expect(await answer((cb) => s.readdir(Buffer.from([1, 2, 3]), (e) => cb(e)))).not.toBe('ok');
    } finally {
      client.end();
    }
    // A raw channel on the sftp subsystem: a version packet, then an OPEN cut short.
    const raw = await connect({ username: 'police', privateKey: readFileSync(key.police) });
    await new Promise<void>((resolve) =>
      raw.subsys('sftp', (err, stream) => {
        if (err) return resolve();
        stream.on('close', () => resolve()).on('data', () => {});
        stream.write(Buffer.from([0, 0, 0, 5, 1, 0, 0, 0, 3]));
        stream.write(Buffer.from([0, 0, 0, 9, 3, 0, 0, 0, 1, 0, 0, 0xff, 0xff]));
        setTimeout(() => stream.close(), 1000);
      }),
    );
    raw.end();
    expect(logs.join('\n')).toContain('police: sftp protocol error: session closed');
    expect((await sftp('police', key.police, ['ls /outbox'])).code).toBe(0);
  });

  it('refuses a shell, commands, other subsystems and port forwarding', async () => {
    const exec = await run('ssh', [...sshOptions(key.police, ['-p', String(server.port)]), 'police@127.0.0.1', 'id']);
    expect(exec.code).not.toBe(0);
    expect(exec.stdout).toBe('');
    expect(exec.stderr).toMatch(/exec request failed/);
    const shell = await run('ssh', [...sshOptions(key.police, ['-p', String(server.port), '-T']), 'police@127.0.0.1']);
    expect(shell.code).not.toBe(0);
    expect(shell.stderr).toMatch(/shell request failed/);

    const client = await connect({ username: 'police', privateKey: readFileSync(key.police) });
    try {
      const refused = (start: (cb: (err: Error | undefined) => void) => void) => new Promise<Error | undefined>((resolve) => start((err) => resolve(err)));
      expect(await refused((cb) => client.exec('id', (err) => cb(err)))).toBeInstanceOf(Error);
      expect(await refused((cb) => client.shell((err) => cb(err)))).toBeInstanceOf(Error);
      expect(await refused((cb) => client.subsys('netconf', (err) => cb(err)))).toBeInstanceOf(Error);
      expect(await refused((cb) => client.forwardOut('127.0.0.1', 0, '127.0.0.1', 5432, (err) => cb(err)))).toBeInstanceOf(Error);
      expect(await refused((cb) => client.forwardIn('127.0.0.1', 0, (err) => cb(err)))).toBeInstanceOf(Error);
    } finally {
      client.end();
    }
    expect(logs.join('\n')).toMatch(/police: refused exec/);
  });

  it('never applies an upload the partner did not finish, and deletes its part', async () => {
    const jobsBefore = await uploadJobs();
    const client = await connect({ username: 'police', privateKey: readFileSync(key.police) });
    const sftpClient = await new Promise<ssh2.SFTPWrapper>((resolve, reject) => client.sftp((err, s) => (err ? reject(err) : resolve(s))));
    const handle = await new Promise<Buffer>((resolve, reject) => sftpClient.open('/inbox/half.csv', 'w', (err, h) => (err ? reject(err) : resolve(h))));
    const half = Buffer.from(POLICE_CSV.slice(0, 120));
    await new Promise<void>((resolve, reject) => sftpClient.write(handle, half, 0, half.length, 0, (err) => (err ? reject(err) : resolve())));
    // While it is being sent, it is a part file in staging, and the partner sees it in /inbox.
    expect(staged().filter((n) => n.endsWith('.part'))).toHaveLength(1);
    const listed = await new Promise<string[]>((resolve, reject) => sftpClient.readdir('/inbox', (err, l) => (err ? reject(err) : resolve(l.map((e) => `${e.filename}:${e.attrs.size}`)))));
    expect(listed).toEqual([`half.csv:${half.length}`]);
    client.end(); // the connection drops before CLOSE
    await waitFor(() => staged().length === 0, 10_000);
    await new Promise((r) => setTimeout(r, 500));
    expect(await uploadJobs()).toBe(jobsBefore);
    expect(existsSync(join(outbox('police'), 'half.csv.report.txt'))).toBe(false);
    expect(logs.join('\n')).toMatch(/police: connection ended during 1 upload\(s\): part file\(s\) deleted/);
  });

  it('deletes the part of a transfer killed mid-way', async () => {
    const jobsBefore = await uploadJobs();
    const big = files.write('big.csv', `${POLICE_HEADER}\n${'SFTP-9,2026-10-01,drugs,,,,,,27 Mill Lane,,POL-NORTH\n'.repeat(400_000)}`);
    const batch = files.write('slow.txt', `put ${big} /inbox/big.csv\n`);
    // A slow link, so that the client is killed mid-transfer.
    const child = spawn('sftp', ['-l', '2000', '-b', batch, ...sshOptions(key.police, ['-P', String(server.port)]), 'police@127.0.0.1'], {
      env: { ...process.env, SSH_AUTH_SOCK: '' },
      stdio: 'ignore',
      detached: true,
    });
    await waitFor(() => staged().some((n) => n.endsWith('.part') && statSync(join(stagingDir(dataDir), n)).size > 0), 15_000);
    // sftp and the ssh it runs, at once: the connection drops as when a partner's machine dies.
    process.kill(-child.pid!, 'SIGKILL');
    await waitFor(() => staged().length === 0, 10_000);
    expect(await uploadJobs()).toBe(jobsBefore);
    expect(existsSync(join(outbox('police'), 'big.csv.report.txt'))).toBe(false);
  });

  it('refuses a file over the size limit and keeps nothing of it', async () => {
    const small = await startSftpServer({ database, dataDir, port: 0, host: '127.0.0.1', jobs: worker, maxUploadBytes: 4096, log: (l) => logs.push(l) });
    try {
      const jobsBefore = await uploadJobs();
      const big = files.write('too-big.csv', `${POLICE_HEADER}\n${'SFTP-8,2026-10-01,drugs,,,,,,27 Mill Lane,,POL-NORTH\n'.repeat(1000)}`);
      const r = await sftp('police', key.police, [`put ${big} /inbox`], small.port);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(/write remote .*: Failure/);
      await waitFor(() => staged().length === 0, 10_000);
      expect(await uploadJobs()).toBe(jobsBefore);
      expect(logs.join('\n')).toContain('upload refused: larger than the limit');
      // OpenSSH shows only "Failure"; the status carries the reason for clients that show it.
      const client = await connect({ port: small.port, username: 'police', privateKey: readFileSync(key.police) });
      try {
        const s = await new Promise<ssh2.SFTPWrapper>((resolve, reject) => client.sftp((err, w) => (err ? reject(err) : resolve(w))));
        const h = await new Promise<Buffer>((resolve, reject) => s.open('/inbox/too-big.csv', 'w', (err, x) => (err ? reject(err) : resolve(x))));
        const chunk = Buffer.alloc(5000, 'x');
        const err = await new Promise<Error | undefined>((resolve) => s.write(h, chunk, 0, chunk.length, 0, (e) => resolve(e ?? undefined)));
        expect(err?.message).toMatch(/larger than the 4096-byte limit; nothing was kept/);
        await waitFor(() => staged().length === 0, 10_000);
      } finally {
        client.end();
      }
      // A file within the limit still goes through on the same server.
      const ok = files.write('small-ok.csv', POLICE_CSV);
      expect((await sftp('police', key.police, [`put ${ok} /inbox`], small.port)).code).toBe(0);
      await waitFor(() => existsSync(join(outbox('police'), 'small-ok.csv.report.txt')));
    } finally {
      await small.close();
    }
  });

  it('ends an open connection when its key is revoked, and one left idle', async () => {
    const watched = await startSftpServer({ database, dataDir, port: 0, host: '127.0.0.1', jobs: worker, keyCheckMs: 200, idleMs: 1500, log: (l) => logs.push(l) });
    try {
      const late = join(files.dir, 'late_ed25519');
      execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'late test', '-f', late]);
      const k = parseSftpPublicKey(readFileSync(`${late}.pub`, 'utf8'));
      const id = await addSftpKey(database.db, { feed: 'police', label: 'late', algorithm: k.algorithm, publicKey: k.publicKey, fingerprint: k.fingerprint });
      /** OpenSSH's sftp reading commands from a pipe left open: a session that stays signed in. */
      const open = (keyPath: string) => {
        const child = spawn('sftp', ['-b', '-', ...sshOptions(keyPath, ['-P', String(watched.port)]), 'police@127.0.0.1'], { env: { ...process.env, SSH_AUTH_SOCK: '' } });
        let out = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
        child.stdin.write('ls /outbox\n');
        return { output: () => out, exited, child };
      };

      const revoked = open(late);
      await waitFor(() => revoked.output().includes('ls /outbox'), 15_000);
      await revokeSftpKey(database.db, id);
      await waitFor(() => logs.includes(`police: key ${id} revoked: connection closed`), 10_000);
      // The client learns it at its next command: the connection is gone.
      revoked.child.stdin.write('ls /outbox\n');
      expect(await revoked.exited).not.toBe(0);

      const idle = open(key.police);
      await waitFor(() => idle.output().includes('ls /outbox'), 15_000);
      await waitFor(() => logs.some((l) => /^police: idle for \d+ s: connection closed$/.test(l)), 10_000);
      idle.child.stdin.write('ls /outbox\n');
      expect(await idle.exited).not.toBe(0);
      revoked.child.kill();
      idle.child.kill();
    } finally {
      await watched.close();
    }
  });

  it("counts files against the feed's hourly limit, one allowance shared with HTTPS, and refuses the file over it", async () => {
    const hour = new Date('2031-03-04T10:20:00Z'); // an hour of its own: no other test's uploads count
    const limited = await startSftpServer({ database, dataDir, port: 0, host: '127.0.0.1', jobs: worker, uploadsPerHour: 2, now: () => hour, log: (l) => logs.push(l) });
    try {
      const jobsBefore = await uploadJobs();
      for (const n of [1, 2]) {
        const ok = files.write(`hourly-${n}.csv`, POLICE_CSV);
        expect((await sftp('police', key.police, [`put ${ok} /inbox`], limited.port)).code).toBe(0);
      }
      const third = files.write('hourly-3.csv', POLICE_CSV);
      const refused = await sftp('police', key.police, [`put ${third} /inbox`], limited.port);
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toMatch(/Failure/);
      expect(await uploadJobs()).toBe(jobsBefore + 2);
      expect(staged().filter((n) => n.endsWith('.part'))).toEqual([]);
      expect(logs).toContain('police: upload refused: over the hourly limit');
      // Another feed has its own allowance.
      expect((await sftp('nhs', key.nhs, [`put ${third} /inbox/nhs.csv`], limited.port)).code).toBe(0);
      // HTTPS counts the same files: the same partner cannot double its allowance that way.
      const token = await issueFeedToken(database.db, 'police', 'hourly limit test');
      const app = createApp({ database, webRoot: false, dataDir, jobs: worker, now: () => hour, uploads: { perHour: 2, waitMs: 0 } });
      const https = await app.request('/api/feeds/police/uploads', { method: 'POST', headers: { 'content-type': 'text/csv', authorization: `Bearer ${token.token}` }, body: POLICE_CSV });
      expect(https.status).toBe(429);
      expect(await uploadJobs()).toBe(jobsBefore + 3);
    } finally {
      await limited.close();
    }
  });

  it('refuses, with the reason, a file finished after the hourly limit was reached, and keeps nothing of it', async () => {
    const hour = new Date('2031-03-04T11:05:00Z');
    const limited = await startSftpServer({ database, dataDir, port: 0, host: '127.0.0.1', jobs: worker, uploadsPerHour: 2, now: () => hour, log: (l) => logs.push(l) });
    const client = await connect({ port: limited.port, username: 'police', privateKey: readFileSync(key.police) });
    try {
      const jobsBefore = await uploadJobs();
      const s = await sftpOf(client);
      // Three files sent side by side: each was within the limit when it was opened.
      const handles = [await openFile(s, '/inbox/a.csv'), await openFile(s, '/inbox/b.csv'), await openFile(s, '/inbox/c.csv')];
      const body = Buffer.from(POLICE_CSV);
      for (const h of handles) expect(await answer((cb) => s.write(h, body, 0, body.length, 0, cb))).toBeUndefined();
      expect(await answer((cb) => s.close(handles[0]!, cb))).toBeUndefined();
      expect(await answer((cb) => s.close(handles[1]!, cb))).toBeUndefined();
      expect(await answer((cb) => s.close(handles[2]!, cb))).toMatch(/sent 2 files this hour, the most it may; nothing was kept: try again next hour/);
      expect(await uploadJobs()).toBe(jobsBefore + 2);
      await waitFor(() => !staged().some((n) => n.endsWith('.part')), 10_000);
      // A fourth is refused before it is sent.
      const fourth = await new Promise<string | undefined>((resolve) => s.open('/inbox/d.csv', 'w', (err) => resolve(err?.message)));
      expect(fourth).toMatch(/sent 2 files this hour/);
      expect(staged().filter((n) => n.endsWith('.part'))).toEqual([]);
    } finally {
      client.end();
      await limited.close();
    }
  });

  it('never queues a file a write of which failed, even when the close comes before the failure', async (t) => {
    // A write this far into a file fails on ext4 (files stop at 16 TiB), as one fails on a full disk.
    const far = 2 ** 45;
    const probe = join(files.dir, 'probe');
    const fd = openSync(probe, 'w');
    let fails = false;
    try {
      writeSync(fd, Buffer.from('x'), 0, 1, far);
    } catch {
      fails = true;
    } finally {
      closeSync(fd);
      rmSync(probe);
    }
    if (!fails) return t.skip('this file system takes a write 32 TiB into a file');
    const roomy = await startSftpServer({ database, dataDir, port: 0, host: '127.0.0.1', jobs: worker, maxUploadBytes: 2 ** 50, log: (l) => logs.push(l) });
    const client = await connect({ port: roomy.port, username: 'police', privateKey: readFileSync(key.police) });
    try {
      const jobsBefore = await uploadJobs();
      const s = await sftpOf(client);
      const h = await openFile(s, '/inbox/holed.csv');
      const head = Buffer.from(`${POLICE_HEADER}\n`);
      expect(await answer((cb) => s.write(h, head, 0, head.length, 0, cb))).toBeUndefined();
      // The write and the close go out together: the close is handled while the write is pending.
      const written = answer((cb) => s.write(h, Buffer.from('x'), 0, 1, far, cb));
      const closed = answer((cb) => s.close(h, cb));
      expect(await written).toMatch(/could not be stored/);
      expect(await closed).toMatch(/failed and was not kept/);
      await waitFor(() => staged().length === 0, 10_000);
      expect(await uploadJobs()).toBe(jobsBefore);
    } finally {
      client.end();
      await roomy.close();
    }
  });

  it('refuses a file when the staging disk is full: the partner is told, nothing is kept or queued, and it serves on', async (t) => {
    const fullDir = join(files.dir, 'full-disk');
    const disk = mountTinyDisk(stagingDir(fullDir), 64 * 1024);
    if ('unavailable' in disk) return t.skip(disk.unavailable);
    const full = await startSftpServer({ database, dataDir: fullDir, port: 0, host: '127.0.0.1', jobs: worker, log: (l) => logs.push(l) });
    const left = () => readdirSync(stagingDir(fullDir));
    const reports = () => (existsSync(feedOutboxDir(fullDir, 'police')) ? readdirSync(feedOutboxDir(fullDir, 'police')) : []);
    try {
      const jobsBefore = await uploadJobs();
      // About 200 KB: more than the 64 KB disk holds.
      const big = files.write('too-much.csv', `${POLICE_HEADER}\n${'SFTP-7,2026-10-01,drugs,,,,,,27 Mill Lane,,POL-NORTH\n'.repeat(4000)}`);
      const put = await sftp('police', key.police, [`put ${big} /inbox`], full.port);
      expect(put.code).not.toBe(0);
      expect(put.stderr).toMatch(/Failure/);
      await waitFor(() => left().length === 0, 10_000);
      expect(await uploadJobs()).toBe(jobsBefore);
      expect(logs).toContain('police: upload failed: no room left in the staging folder');
      // OpenSSH shows only "Failure"; the status carries the reason for clients that show it.
      const client = await connect({ port: full.port, username: 'police', privateKey: readFileSync(key.police) });
      try {
        const s = await sftpOf(client);
        const h = await openFile(s, '/inbox/too-much.csv');
        const chunk = Buffer.alloc(30_000, 'x');
        let said: string | undefined;
        for (let at = 0; at < 200_000 && said === undefined; at += chunk.length) said = await answer((cb) => s.write(h, chunk, 0, chunk.length, at, cb));
        expect(said).toMatch(/no room on our side to store the file just now; nothing was kept\. Send it again later/);
        expect(await answer((cb) => s.close(h, cb))).toMatch(/failed and was not kept: there is no room on our side just now/);
        await waitFor(() => left().length === 0, 10_000);
      } finally {
        client.end();
      }
      expect(await uploadJobs()).toBe(jobsBefore);
      expect(reports()).toEqual([]);
      // A file that fits goes through on the same server, report and all.
      const ok = files.write('fits.csv', POLICE_CSV);
      expect((await sftp('police', key.police, [`put ${ok} /inbox`], full.port)).code).toBe(0);
      await waitFor(() => reports().includes('fits.csv.report.txt'));
      expect(readFileSync(join(feedOutboxDir(fullDir, 'police'), 'fits.csv.report.txt'), 'utf8')).toMatch(/^fits\.csv: (APPLIED|DUPLICATE)/);
      expect(await uploadJobs()).toBe(jobsBefore + 1);
    } finally {
      await full.close();
      disk.unmount();
    }
  });

  it('closes a connection that does not sign in in time, and counts every sign-in attempt', async () => {
    const strict = await startSftpServer({ database, dataDir, port: 0, host: '127.0.0.1', jobs: worker, signInMs: 1000, log: (l) => logs.push(l) });
    try {
      // Silent after connecting, and silent after the SSH greeting: both are dropped.
      const silent = await tcp(strict.port);
      const greeted = await tcp(strict.port);
      greeted.socket.write('SSH-2.0-lingerer\r\n');
      expect(await settlesWithin(Promise.all([silent.closed, greeted.closed]), 5000)).toBe(true);
      expect(logs).toContain('not signed in within 1 s: connection closed');
      // 'none' again and again, what every client starts with: closed after ten tries, not served for ever.
      let tries = 0;
      // (On the server with the usual 30 s to sign in: each refusal takes ssh2 about 0.1 s.)
      const asking = connect({ username: 'police', authHandler: () => (tries++, { type: 'none', username: 'police' }) as never });
      await expect(asking).rejects.toThrow();
      expect(tries).toBe(11);
      expect(logs).toContain('too many sign-in attempts: connection closed');
      // A partner signing in promptly stays connected past the sign-in time.
      const partner = await connect({ port: strict.port, username: 'police', privateKey: readFileSync(key.police) });
      const partnerClosed = new Promise((r) => partner.on('close', () => r(undefined)));
      expect(await settlesWithin(partnerClosed, 1500)).toBe(false);
      partner.end();
    } finally {
      await strict.close();
    }
  });

  it('refuses connections over the cap, and a feed over its own cap, and serves again once they close', async () => {
    const capped = await startSftpServer({ database, dataDir, port: 0, host: '127.0.0.1', jobs: worker, maxConnections: 3, maxFeedConnections: 2, log: (l) => logs.push(l) });
    try {
      const held = await Promise.all([tcp(capped.port), tcp(capped.port), tcp(capped.port)]);
      const over = await tcp(capped.port);
      expect(await settlesWithin(over.closed, 3000)).toBe(true);
      expect(await settlesWithin(Promise.race(held.map((h) => h.closed)), 500)).toBe(false);
      expect(logs).toContain('1 connection(s) refused: 3 already open');
      for (const h of held) h.socket.destroy();
      await Promise.all(held.map((h) => h.closed));

      // One feed holds at most two signed-in connections; another feed still gets in.
      const police = readFileSync(key.police);
      const first = await connect({ port: capped.port, username: 'police', privateKey: police });
      const second = await connect({ port: capped.port, username: 'police', privateKey: police });
      await expect(connect({ port: capped.port, username: 'police', privateKey: police })).rejects.toThrow();
      expect(logs).toContain('police: 2 connections already open: sign-in refused, connection closed');
      const nhs = await connect({ port: capped.port, username: 'nhs', privateKey: readFileSync(key.nhs) });
      nhs.end();
      first.end();
      await new Promise((r) => first.on('close', () => r(undefined)));
      const again = await connect({ port: capped.port, username: 'police', privateKey: police });
      again.end();
      second.end();
    } finally {
      await capped.close();
    }
  });

  it('lets no one address hold more than its share of the connections waiting to sign in', async () => {
    const guarded = await startSftpServer({ database, dataDir, port: 0, host: '127.0.0.1', jobs: worker, maxWaitingPerAddress: 2, log: (l) => logs.push(l) });
    try {
      const lingering = await Promise.all([tcp(guarded.port), tcp(guarded.port)]);
      const third = await tcp(guarded.port);
      expect(await settlesWithin(third.closed, 3000)).toBe(true);
      expect(logs).toContain('1 connection(s) refused: 2 from the same address not signed in yet');
      expect(await settlesWithin(Promise.race(lingering.map((l) => l.closed)), 500)).toBe(false);
      // Another address is served while that one is at its share: a partner signs in and uploads nothing.
      const elsewhere = await tcp(guarded.port, '127.0.0.2');
      expect(await settlesWithin(elsewhere.closed, 500)).toBe(false);
      elsewhere.socket.destroy();
      // A connection that closes, or signs in, no longer waits: the address may open others.
      lingering[0]!.socket.destroy();
      await lingering[0]!.closed;
      const partner = await connect({ port: guarded.port, username: 'police', privateKey: readFileSync(key.police) });
      const more = await tcp(guarded.port);
      expect(await settlesWithin(more.closed, 500)).toBe(false);
      for (const c of [more, lingering[1]!]) c.socket.destroy();
      partner.end();
    } finally {
      await guarded.close();
    }
  });

  it('deletes outbox reports older than the keeping period, and only those', async () => {
    mkdirSync(outbox('police'), { recursive: true });
    const old = join(outbox('police'), 'old.csv.report.txt');
    const fresh = join(outbox('police'), 'fresh.csv.report.txt');
    writeFileSync(old, 'old\n');
    writeFileSync(fresh, 'fresh\n');
    const fortyDaysAgo = new Date(Date.now() - 40 * 86_400_000);
    utimesSync(old, fortyDaysAgo, fortyDaysAgo);
    expect(await pruneOutboxes(dataDir, 30 * 86_400_000)).toBe(1);
    expect(existsSync(old)).toBe(false);
    expect(existsSync(fresh)).toBe(true);
  });

  it('keeps its host key across a restart, private to the server', async () => {
    const path = join(dataDir, 'sftp', HOST_KEY_FILE);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    // Asynchronously: the server answering it runs in this process.
    const keyscan = async () => (await run('ssh-keyscan', ['-T', '30', '-p', String(server.port), '-t', 'ed25519', '127.0.0.1'])).stdout;
    const scanned = await keyscan();
    expect(scanned).toMatch(/ ssh-ed25519 AAAA/);
    const seen = execFileSync('ssh-keygen', ['-lf', '-'], { input: scanned, encoding: 'utf8' }).split(' ')[1];
    expect(seen).toBe(server.hostKeyFingerprint);
    const before = server.hostKeyFingerprint;
    await server.close();
    server = await startSftpServer({ database, dataDir, port: 0, host: '127.0.0.1', jobs: worker, log: (l) => logs.push(l) });
    expect(server.hostKeyFingerprint).toBe(before);
    const scannedAgain = await keyscan();
    expect(scannedAgain.split(' ').slice(1)).toEqual(scanned.split(' ').slice(1));
  });
});
