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

  const teamsRows = (header: string, ...lines: string[]) => [header, ...lines].join('\n');
  const TEAM_HEADER = 'feed,code,name,phone,hours,out_of_hours_name,out_of_hours_phone';
  const storedTeams = () =>
    database.query<{ code: string; hours: string; phone: string; out_of_hours_name: string | null; out_of_hours_phone: string | null }>(
      sql`SELECT code, hours, phone, out_of_hours_name, out_of_hours_phone FROM teams WHERE code LIKE 'ASC-%' OR code LIKE 'CSC-%' ORDER BY code`,
    );

  it('keeps a team\'s hours as data, in one spelling, with the line to call when it is closed', async () => {
    const csv = teamsRows(
      TEAM_HEADER,
      'council-adults,ASC-NORTH,Adult Social Care North,01632 960301,mon-fri 8:30-17:00,Emergency Duty Team,01632 960999',
      'council-children,CSC-HUB,Early Help Hub,01632 960205,Mon–Fri 09:00–17:00,,',
    );
    const report = await loadTeams(database, files.write('teams-hours.csv', csv));
    expect(report).toMatchObject({ rows: 2, accepted: 2, rejected: 0 });
    expect(await storedTeams()).toEqual([
      { code: 'ASC-NORTH', hours: 'Mon–Fri 08:30–17:00', phone: '01632 960301', out_of_hours_name: 'Emergency Duty Team', out_of_hours_phone: '01632 960999' },
      { code: 'CSC-HUB', hours: 'Mon–Fri 09:00–17:00', phone: '01632 960205', out_of_hours_name: null, out_of_hours_phone: null },
    ]);
    // A list from before the out-of-hours columns still loads; sent again without them, the line is gone.
    const older = await loadTeams(database, files.write('teams-older.csv', teamsRows('feed,code,name,phone,hours', 'council-adults,ASC-NORTH,Adult Social Care North,01632 960301,Mon–Fri 08:30–17:00')));
    expect(older).toMatchObject({ rows: 1, accepted: 1 });
    expect((await storedTeams())[0]).toMatchObject({ code: 'ASC-NORTH', out_of_hours_name: null, out_of_hours_phone: null });
  });

  it('refuses hours it cannot read, half an out-of-hours line and numbers no phone can dial, and stores none of them', async () => {
    const csv = teamsRows(
      TEAM_HEADER,
      'council-adults,ASC-OLD,Old Format Team,01632 960301,Mon–Fri 08:30–17:00; out of hours via the emergency duty team 01632 960999,,',
      'council-adults,ASC-LATE,Late Team,01632 960302,Mon–Fri 08:30–25:00,,',
      'council-adults,ASC-HALF,Half Team,01632 960303,24/7,Emergency Duty Team,',
      'council-adults,ASC-WORDS,Words Team,ring the office,24/7,Emergency Duty Team,01632 96099x',
    );
    const report = await loadTeams(database, files.write('teams-bad.csv', csv));
    expect(report).toMatchObject({ rows: 4, accepted: 0, rejected: 4 });
    expect(report.rejections).toEqual([
      {
        row: 2,
        reasons: [
          'hours, part 2 of 2: days must be day names (Mon, Tue, Wed, Thu, Fri, Sat, Sun), a range such as Mon–Fri, or a list such as Mon, Wed',
          'put the line to call when the team is closed in out_of_hours_name and out_of_hours_phone, not in hours',
        ],
      },
      { row: 3, reasons: ['hours: times must be a range such as 08:30–17:00 (HH:MM, 24-hour clock, ending at 24:00 at the latest)'] },
      { row: 4, reasons: ['out_of_hours_name and out_of_hours_phone must be given together, or both left blank'] },
      {
        row: 5,
        reasons: [
          'phone must be a phone number: digits, spaces, dashes or brackets, an optional leading +',
          'out_of_hours_phone must be a phone number: digits, spaces, dashes or brackets, an optional leading +',
        ],
      },
    ]);
    const codes = (await storedTeams()).map((t) => t.code);
    for (const refused of ['ASC-OLD', 'ASC-LATE', 'ASC-HALF', 'ASC-WORDS']) expect(codes).not.toContain(refused);
  });
});
