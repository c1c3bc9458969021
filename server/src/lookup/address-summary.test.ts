// The address summary at a block of flats: which flats have involvement and by whom, the flats
// each person is known at, the line to call out of hours, and the audit of every view; on
// PGlite and PostgreSQL, through the real migrations and the feed pipeline.
import { describe, expect, it, beforeAll } from 'vitest';
import { sql } from '@mast/db';
import { AddressSummarySchema, type AddressSummary } from '@mast/shared';
import { ingestFeedFile } from '../feeds/ingest.ts';
import { seedDemoUsers } from '../seed/demo-users.ts';
import { backendName, withSmallBorough } from '../test/small-borough.ts';
import { getFullAddressSummary } from './address-summary.ts';

const NOW = new Date('2026-11-20T09:00:00Z');
const BEECH_COURT = 100000000010;
const FLAT_1 = '100000000011';
const FLAT_4 = '100000000014';

describe(`address summary at a block of flats (${backendName()})`, () => {
  const borough = withSmallBorough();

  beforeAll(async () => {
    const { database, files } = borough;
    const feed = async (id: 'police' | 'nhs' | 'council-children' | 'council-adults', lines: string[]) =>
      ingestFeedFile(database, { feed: id, path: files.write(`${id}.csv`, lines.join('\n')), now: new Date('2026-11-20T06:10:00Z') });
    await feed('police', [
      'incident_id,incident_date,category,given_name,family_name,date_of_birth,sex,uprn,address,postcode,lead_team',
      `POL-1,2026-11-01,child-concern,Tyler,Brooks,2015-05-20,M,${FLAT_4},,,POL-NORTH`,
      // In the stairwell: the building, no flat.
      `POL-2,2026-10-12,antisocial-behaviour,,,,,${BEECH_COURT},,,POL-NORTH`,
    ]);
    await feed('council-children', [
      'case_id,opened_on,category,nhs_number,given_name,family_name,date_of_birth,sex,uprn,address,postcode,lead_team',
      `CSC-1,2026-08-01,child-protection,,Tyler,Brooks,2015-05-20,M,${FLAT_4},,,CSC-MASH`,
    ]);
    await feed('nhs', [
      'attendance_id,attendance_date,category,attendance_type,nhs_number,given_name,family_name,date_of_birth,sex,uprn,address,postcode,lead_team',
      `ED-1,2026-10-02,injury,attended,,Danielle,Brooks,1993-01-22,F,${FLAT_4},,,ED-SAFE`,
    ]);
    // Danielle is known at Flat 1 too (she moved between flats): adult social care there.
    await feed('council-adults', [
      'case_id,opened_on,category,nhs_number,given_name,family_name,date_of_birth,sex,uprn,address,postcode,lead_team',
      `ASC-1,2026-09-01,safeguarding-enquiry,,Danielle,Brooks,1993-01-22,F,${FLAT_1},,,ASC-DUTY`,
    ]);
  });

  async function summary(uprn: number): Promise<AddressSummary> {
    const found = await getFullAddressSummary(borough.database.db, uprn, NOW);
    return AddressSummarySchema.parse(found);
  }

  it('lists each flat with the agencies involved there, and what was recorded at the building itself', async () => {
    const block = await summary(BEECH_COURT);
    expect(block.units).toEqual([
      { uprn: FLAT_1, label: 'Flat 1, Beech Court, 5 Station Road, Southgate, Mastbury', agencies: ['council-adults'] },
      { uprn: FLAT_4, label: 'Flat 4, Beech Court, 5 Station Road, Southgate, Mastbury', agencies: ['police', 'council-children', 'nhs'] },
    ]);
    expect(block.agenciesAtAddressItself).toEqual(['police']);
    expect(block.agencies.filter((a) => a.involved).map((a) => a.agency)).toEqual(['police', 'council-children', 'council-adults', 'nhs']);
  });

  it('says which flats each person is known at', async () => {
    const block = await summary(BEECH_COURT);
    const knownAt = Object.fromEntries(block.people.map((p) => [p.name, p.knownAt]));
    expect(knownAt).toEqual({ 'Danielle Brooks': [FLAT_1, FLAT_4], 'Tyler Brooks': [FLAT_4] });
    // At the flat, only what is there: Danielle is known at Flat 4, and her Flat 1 case still counts as hers.
    const flat = await summary(Number(FLAT_4));
    expect(flat.units).toEqual([]);
    expect(flat.agenciesAtAddressItself).toEqual(['police', 'council-children', 'nhs']);
    const danielle = flat.people.find((p) => p.name === 'Danielle Brooks')!;
    expect(danielle.knownAt).toEqual([FLAT_4]);
    expect(danielle.agencies.map((a) => a.agency)).toEqual(['council-adults', 'nhs']);
  });

  it("gives each agency's team with its hours and the line to call when it is closed", async () => {
    const block = await summary(BEECH_COURT);
    const contact = Object.fromEntries(block.agencies.map((a) => [a.agency, a.contact]));
    expect(contact['council-adults']).toEqual({
      team: 'Adult Social Care Duty Team',
      phone: '01632 960004',
      hours: 'Mon–Fri 08:30–17:00',
      outOfHours: { name: 'Emergency Duty Team', phone: '01632 960999' },
    });
    expect(contact.police).toEqual({ team: 'North Neighbourhood Team', phone: '01632 960001', hours: '24/7', outOfHours: null });
    expect(contact.fire).toBeNull();
  });

  it('has no summary for an address the gazetteer does not hold', async () => {
    expect(await getFullAddressSummary(borough.database.db, 999999999999, NOW)).toBeNull();
  });
});
