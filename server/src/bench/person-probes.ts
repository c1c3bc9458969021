// What practitioners type when they search for a person, drawn from the people of a loaded
// borough: a quarter as recorded, a quarter by a short form of the given name with day and month
// swapped, a quarter with the family name misspelt and no date of birth, a quarter misspelt with
// the date. Deterministic, so two runs search for the same people.
import { sql, type Database } from '@mast/db';
import { levelFor, type FeedId, type ViewerRules } from '@mast/shared';
import { GIVEN_NAMES } from '../demo/names.ts';
import { misspell } from '../demo/errors.ts';
import { Rng } from '../demo/prng.ts';
import type { PersonProbe } from '../lookup/person-match.ts';

const SHORT_FORMS = new Map(GIVEN_NAMES.filter((n) => n.variants.length > 0).map((n) => [n.name.toLowerCase(), n.variants]));

function swapped(iso: string): string {
  const [y, m, d] = iso.split('-');
  return Number(d) <= 12 ? `${y}-${d}-${m}` : iso;
}

/** A search and the person it is for (by id), so a run can say how often that person came first. */
export interface PersonAsk {
  probe: PersonProbe;
  personId: string;
  kind: 'as recorded' | 'short form, day and month swapped' | 'misspelt, no date of birth' | 'misspelt, with date of birth';
}

/** Searches for `count` people the viewer may find (the agreement tells them of at least one of
 * the person's involvements, at a place they may find): a search that cannot find someone by
 * design says nothing of the ranking. */
export async function samplePersonProbes(database: Database, viewer: ViewerRules, count = 2000): Promise<PersonAsk[]> {
  const all = await database.query<{ id: string; given_name: string; family_name: string; date_of_birth: string; seen: { feed: FeedId; category: string; sensitive: boolean }[] }>(
    sql`SELECT p.id::text, p.given_name, p.family_name, p.date_of_birth::text,
               (SELECT json_agg(json_build_object('feed', i.feed, 'category', i.category,
                                                  'sensitive', EXISTS (SELECT 1 FROM involvements x WHERE x.uprn = i.uprn AND x.sensitive)))
                FROM involvements i WHERE i.person_id = p.id) AS seen
        FROM persons p ORDER BY p.id`,
  );
  const people = all.filter((p) => (p.seen ?? []).some((s) => (viewer.sensitiveAddresses || !s.sensitive) && levelFor(viewer, s.feed, s.category) !== 'hidden'));
  if (people.length === 0) return [];
  const rng = new Rng(11, 'person-probes');
  const probes: PersonAsk[] = [];
  for (let i = 0; i < count; i++) {
    const p = people[rng.int(people.length)]!;
    const base: PersonProbe = { givenName: p.given_name, familyName: p.family_name, dateOfBirth: p.date_of_birth, nhsNumber: '' };
    const kind = i % 4;
    const ask = (probe: PersonProbe, k: PersonAsk['kind']) => probes.push({ probe, personId: p.id, kind: k });
    if (kind === 1) {
      const short = SHORT_FORMS.get(p.given_name.toLowerCase());
      ask({ ...base, givenName: short ? short[rng.int(short.length)]! : p.given_name, dateOfBirth: swapped(p.date_of_birth) }, 'short form, day and month swapped');
    } else if (kind === 2) ask({ ...base, familyName: misspell(rng, p.family_name), dateOfBirth: '' }, 'misspelt, no date of birth');
    else if (kind === 3) ask({ ...base, familyName: misspell(rng, p.family_name) }, 'misspelt, with date of birth');
    else ask(base, 'as recorded');
  }
  return probes;
}
