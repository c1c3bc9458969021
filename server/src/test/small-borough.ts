// A hand-made street or two for tests: small enough to read, shaped like the real gazetteer.
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { openTestDatabase, type Database } from '@mast/db';
import { loadGazetteer, loadTeams } from '../gazetteer/load-reference-data.ts';

export const GAZETTEER_CSV = `uprn,parent_uprn,sub_building,building_name,building_number,street,locality,town,postcode,latitude,longitude
100000000001,,,,27,Mill Lane,Northfield,Mastbury,MB3 4RT,52.58,-1.98
100000000002,,,,1,Acacia Avenue,Northfield,Mastbury,MB1 1AA,52.581,-1.981
100000000010,,,Beech Court,5,Station Road,Southgate,Mastbury,MB2 3PL,52.57,-1.97
100000000011,100000000010,Flat 1,Beech Court,5,Station Road,Southgate,Mastbury,MB2 3PL,52.57,-1.97
100000000014,100000000010,Flat 4,Beech Court,5,Station Road,Southgate,Mastbury,MB2 3PL,52.57,-1.97
100000000020,,,,10,High Street,Northfield,Mastbury,MB1 2AB,52.582,-1.982
100000000021,,Flat 2,,10,High Street,Northfield,Mastbury,MB1 2AB,52.582,-1.982
`;

export const TEAMS_CSV = `feed,code,name,phone,hours,out_of_hours_name,out_of_hours_phone
police,POL-NORTH,North Neighbourhood Team,01632 960001,24/7,,
fire,FRS-WEST,West Station Watch,01632 960002,24/7,,
nhs,ED-SAFE,Emergency Department Safeguarding,01632 960003,Mon-Fri 09:00-17:00,,
council-adults,ASC-DUTY,Adult Social Care Duty Team,01632 960004,Mon-Fri 08:30-17:00,Emergency Duty Team,01632 960999
council-children,CSC-MASH,Children's MASH,01632 960005,24/7,,
`;

export interface TempFiles {
  dir: string;
  write(name: string, content: string | Buffer): string;
  remove(): void;
}

export function tempFiles(): TempFiles {
  const dir = mkdtempSync(join(tmpdir(), 'mast-test-'));
  return {
    dir,
    write(name, content) {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export async function loadSmallBorough(database: Database, files: TempFiles): Promise<void> {
  await loadTeams(database, files.write('teams.csv', TEAMS_CSV));
  await loadGazetteer(database, files.write('gazetteer.csv', GAZETTEER_CSV));
}

export const backendName = () => (process.env.DATABASE_URL ? 'postgres' : 'pglite');

/** A test database holding the small borough, with a folder for the files a test writes: made
 * before the file's tests, removed after them. Read its fields inside tests, not when the file loads. */
export function withSmallBorough(): { readonly database: Database; readonly files: TempFiles } {
  const made = {} as { database: Database; files: TempFiles };
  beforeAll(async () => {
    made.database = await openTestDatabase();
    made.files = tempFiles();
    await loadSmallBorough(made.database, made.files);
  });
  afterAll(async () => {
    await made.database?.close();
    made.files?.remove();
  });
  return made;
}
