// Partner organisations and their teams. A team's duty contact is what a lookup shows under
// "whom to call"; it is reference data sent with the partner's onboarding, not case data.
import { sql } from 'drizzle-orm';
import { pgTable, serial, text, integer, uniqueIndex, check } from 'drizzle-orm/pg-core';
import { feedColumn } from './columns.ts';

export const organisations = pgTable(
  'organisations',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull().unique(),
    /** police, fire, nhs or council: with a user's role, what the visibility matrix keys on. */
    kind: text('kind').notNull(),
    /** How its users sign in: 'password' (mast's own, with its second factor) or 'oidc' (the organisation's identity provider). */
    signIn: text('sign_in').notNull().default('password'),
    /** For 'oidc': the provider's issuer URL and mast's client id there. */
    oidcIssuer: text('oidc_issuer'),
    oidcClientId: text('oidc_client_id'),
    /** For 'oidc': the NAME of the environment variable holding the client secret; the secret itself is never stored. */
    oidcClientSecretEnv: text('oidc_client_secret_env'),
  },
  (t) => [
    check('organisations_kind_known', sql`${t.kind} IN ('police', 'fire', 'nhs', 'council')`),
    check('organisations_sign_in_known', sql`${t.signIn} IN ('password', 'oidc')`),
    check(
      'organisations_oidc_complete',
      sql`${t.signIn} <> 'oidc' OR (${t.oidcIssuer} IS NOT NULL AND ${t.oidcClientId} IS NOT NULL AND ${t.oidcClientSecretEnv} IS NOT NULL)`,
    ),
  ],
);

export const teams = pgTable(
  'teams',
  {
    id: serial('id').primaryKey(),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    feed: feedColumn(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    phone: text('phone').notNull(),
    /** When `phone` is answered, in mast's hours format (shared/src/opening-hours.ts), checked at load. */
    hours: text('hours').notNull(),
    /** Whom to call when the team's line is closed: both or neither. */
    outOfHoursName: text('out_of_hours_name'),
    outOfHoursPhone: text('out_of_hours_phone'),
  },
  (t) => [
    uniqueIndex('teams_feed_code_key').on(t.feed, t.code),
    check('teams_out_of_hours_both_or_neither', sql`(${t.outOfHoursName} IS NULL) = (${t.outOfHoursPhone} IS NULL)`),
  ],
);
