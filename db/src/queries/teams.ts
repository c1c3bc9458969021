// Partner organisations and teams (reference data, loaded at onboarding and with the demo).
import { eq } from 'drizzle-orm';
import type { Db } from '../database.ts';
import { organisations, teams } from '../schema/organisations.ts';
import { excludedSet } from './rows.ts';

export interface TeamInput {
  organisation: string;
  /** police, fire, nhs or council: kept with the organisation when it is first named. */
  organisationKind: string;
  feed: string;
  code: string;
  name: string;
  phone: string;
  /** In mast's hours format, checked by the loader. */
  hours: string;
  outOfHours: { name: string; phone: string } | null;
}

export async function upsertTeams(db: Db, input: TeamInput[]): Promise<void> {
  const orgKinds = new Map(input.map((t) => [t.organisation, t.organisationKind]));
  if (orgKinds.size === 0) return;
  await db
    .insert(organisations)
    .values([...orgKinds].map(([name, kind]) => ({ name, kind })))
    .onConflictDoNothing();
  const orgs = await db.select().from(organisations);
  const orgId = new Map(orgs.map((o) => [o.name, o.id]));
  await db
    .insert(teams)
    .values(
      input.map((t) => ({
        organisationId: orgId.get(t.organisation)!,
        feed: t.feed,
        code: t.code,
        name: t.name,
        phone: t.phone,
        hours: t.hours,
        outOfHoursName: t.outOfHours?.name ?? null,
        outOfHoursPhone: t.outOfHours?.phone ?? null,
      })),
    )
    // A list sent again without an out-of-hours line takes it away: the list is the partner's word.
    .onConflictDoUpdate({
      target: [teams.feed, teams.code],
      set: excludedSet(teams, ['organisationId', 'name', 'phone', 'hours', 'outOfHoursName', 'outOfHoursPhone'] as const),
    });
}

/** Team code -> id for one feed: a feed row may only name its own partner's teams. */
export async function getTeamIds(db: Db, feed: string): Promise<Map<string, number>> {
  const list = await db.select({ id: teams.id, code: teams.code }).from(teams).where(eq(teams.feed, feed));
  return new Map(list.map((t) => [t.code, t.id]));
}
