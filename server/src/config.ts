// Settings from the environment, read once at start.
import { resolve } from 'node:path';

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  /** Load the synthetic borough and demo accounts into an empty database. */
  demo: boolean;
  demoScale: number;
  demoSeed: number;
  /** Server processes on one port (PostgreSQL only). */
  workers: number;
  /** Run the SFTP endpoint partners push files to (MAST_SFTP=0 turns it off). */
  sftp: boolean;
  sftpPort: number;
}

function numberFrom(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number`);
  return n;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: numberFrom(env.PORT, 3000, 'PORT'),
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolve(env.MAST_DATA_DIR ?? '.data'),
    demo: env.MAST_DEMO !== '0',
    demoScale: numberFrom(env.MAST_DEMO_SCALE, 1, 'MAST_DEMO_SCALE'),
    demoSeed: numberFrom(env.MAST_DEMO_SEED, 1, 'MAST_DEMO_SEED'),
    workers: Math.floor(numberFrom(env.MAST_WORKERS, 1, 'MAST_WORKERS')),
    sftp: env.MAST_SFTP !== '0',
    sftpPort: numberFrom(env.MAST_SFTP_PORT, 2222, 'MAST_SFTP_PORT'),
  };
}
