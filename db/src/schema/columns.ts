// Column sets shared by several tables.
import { bigint, timestamp, text } from 'drizzle-orm/pg-core';

/** UPRNs are at most 12 digits: they fit a JS number exactly, so the driver maps them to number. */
export const uprnColumn = (name: string) => bigint(name, { mode: 'number' });
export const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
/** A feed id (council-adults, council-children, fire, nhs, police). */
export const feedColumn = () => text('feed').notNull();
