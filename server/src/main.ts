// `pnpm start`: one Node process serving the API and the built PWA on one origin, on PGlite in
// a local data folder unless DATABASE_URL names a PostgreSQL server.
import { mkdirSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { openDatabase } from '@mast/db';
import { readConfig } from './config.ts';
import { createApp } from './app.ts';
import { ensureDemoBorough } from './seed/demo-borough.ts';
import { DEMO_USERS } from './seed/demo-users.ts';
import { DEFAULT_WEB_ROOT } from './http/static-web.ts';
import { existsSync } from 'node:fs';

const config = readConfig();
mkdirSync(config.dataDir, { recursive: true });
const database = await openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir });
await database.migrate();
console.log(`mast: database ${database.backend === 'pglite' ? `PGlite in ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)'}, schema up to date.`);

if (config.demo) {
  const loaded = await ensureDemoBorough(database, {
    workDir: config.dataDir,
    scale: config.demoScale,
    seed: config.demoSeed,
    log: (line) => console.log(`mast: ${line}`),
  });
  if (loaded) console.log(`mast: demo borough loaded in ${loaded.seconds.toFixed(1)} s.`);
}

if (!existsSync(DEFAULT_WEB_ROOT)) console.warn('mast: web/build is missing: run `pnpm build` (pnpm start does) to serve the app.');
const app = createApp({ database });
const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  console.log(`mast: listening on http://${config.host}:${info.port}`);
  if (config.demo) {
    console.log('mast: demo sign-ins (username / password):');
    for (const u of DEMO_USERS) console.log(`  ${u.username.padEnd(13)} ${u.password.padEnd(24)} ${u.displayName}`);
  }
});

// A stray rejection must not take down a server that officers rely on.
process.on('unhandledRejection', (reason) => console.error(`mast: unhandled rejection: ${(reason as Error)?.name ?? 'unknown'}`));

async function shutdown() {
  server.close();
  await database.close();
  process.exit(0);
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
