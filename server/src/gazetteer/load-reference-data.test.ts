import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { openTestDatabase, sql, type Database } from '@mast/db';
import { loadGazetteer, loadTeams } from './load-reference-data.ts';
import { backendName, tempFiles, type TempFiles } from '../test/small-borough.ts';

describe(`load reference data (${backendName()})`, () => {
  let database: Database;
  let files: TempFiles;
  beforeAll(async () => {
    database = await openTestDatabase();
    files = tempFiles();
  });
  afterAll(async () => {
    await database?.close();
    files?.remove();
  });

  it('refuses a missing file with an error, not a crash', async () => {
    await expect(loadTeams(database, `${files.dir}/no-such-file.csv`)).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(loadGazetteer(database, `${files.dir}/no-such-file.csv`)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('accepts good gazetteer rows and rejects bad ones with reasons', async () => {
    const csv = [
      'uprn,parent_uprn,sub_building,building_name,building_number,street,locality,town,postcode,latitude,longitude',
      '100000000001,,,,27,Mill Lane,Northfield,Mastbury,mb3 4rt,52.58,-1.98',
      'not-a-uprn,,,,1,Mill Lane,Northfield,Mastbury,MB3 4RT,,',
      '100000000002,,,,2,,Northfield,Mastbury,MB3 4RT,north,',
    ].join('\n');
    const report = await loadGazetteer(database, files.write('gaz.csv', csv));
    expect(report).toMatchObject({ rows: 3, accepted: 1, rejected: 2 });
    expect(report.rejections).toEqual([
      { row: 3, reasons: ['uprn must be a number of up to 12 digits'] },
      { row: 4, reasons: ['street is required', 'latitude and longitude must be numbers'] },
    ]);
    const [a] = await database.query<{ label: string; postcode: string }>(sql`SELECT label, postcode FROM addresses`);
    expect(a).toEqual({ label: '27 Mill Lane, Northfield, Mastbury', postcode: 'MB3 4RT' });
  });

  it('accepts teams only for known feeds with a code, name, phone and hours', async () => {
    const csv = ['feed,code,name,phone,hours', 'police,POL-1,North Team,01632 960001,24/7', 'ambulance,AMB-1,Crew,01632 960002,24/7', 'fire,fire one,Watch,,24/7'].join('\n');
    const report = await loadTeams(database, files.write('teams.csv', csv));
    expect(report).toMatchObject({ rows: 3, accepted: 1, rejected: 2 });
    expect(report.rejections[0]).toEqual({ row: 3, reasons: ['feed is not a known feed'] });
    expect(report.rejections[1]!.reasons).toEqual(['code must be a team code (capitals, digits, dashes)', 'phone is required']);
  });
});
