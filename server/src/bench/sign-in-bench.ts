// `pnpm bench:sign-in`: how long signing in takes over HTTP with argon2id (OWASP's parameters:
// 19 MiB, 2 passes), the median of 20 sign-ins one after another, on PGlite in a temporary folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { openDatabase } from '@mast/db';
import { createApp } from '../app.ts';
import { seedDemoUsers } from '../seed/demo-users.ts';

const SIGN_INS = 20;

const dir = mkdtempSync(join(tmpdir(), 'mast-sign-in-bench-'));
process.env.MAST_DATA_DIR ??= dir;
const database = await openDatabase({ dataDir: dir });
try {
  await database.migrate();
  await seedDemoUsers(database.db);
  const app = createApp({ database, webRoot: false, requireSecondFactor: false });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  const { port } = server.address() as { port: number };
  const times: number[] = [];
  for (let i = 0; i < SIGN_INS + 1; i++) {
    const t0 = performance.now();
    const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'officer', password: 'mast-demo-officer' }),
    });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`sign-in answered ${res.status}`);
    // The first warms the process (JIT, the dummy hash): not counted.
    if (i > 0) times.push(performance.now() - t0);
  }
  server.close();
  times.sort((a, b) => a - b);
  const median = (times[SIGN_INS / 2 - 1]! + times[SIGN_INS / 2]!) / 2;
  console.log(`sign-in over HTTP (argon2id 19 MiB, t=2, p=1; PGlite): median ${median.toFixed(1)} ms, min ${times[0]!.toFixed(1)} ms, max ${times.at(-1)!.toFixed(1)} ms (${SIGN_INS} sign-ins)`);
} finally {
  await database.close();
  rmSync(dir, { recursive: true, force: true });
}
