export * from './client.ts';
export * from './test-database.ts';
export * as schema from './schema/index.ts';
export * from './schema/index.ts';
export { sql } from 'drizzle-orm';
