import { describe, it, expect } from 'vitest';
import { FEED_CONTRACTS, checkRow, contractColumns, rowChecker } from './contracts.ts';
import { nhsCheckDigitValid } from './fields.ts';
import { FEED_IDS } from '../agencies.ts';

const nhsRow = {
  attendance_id: 'ED-1',
  attendance_date: '2026-10-01',
  attendance_type: 'attended',
  category: 'self-harm',
  given_name: 'Siobhán',
  family_name: "O'Neill-Smith",
  date_of_birth: '1990-02-28',
  sex: 'f',
  nhs_number: '485 777 3457',
  address: '27 Mill Lane',
  postcode: 'MB3 4RT',
  lead_team: 'ED-SAFE',
};

describe('feed contracts', () => {
  it('every feed names an id, a date, a category and a lead team column', () => {
    for (const id of FEED_IDS) {
      const cols = contractColumns(FEED_CONTRACTS[id]);
      expect(cols).toEqual(expect.arrayContaining([FEED_CONTRACTS[id].idColumn, 'category', 'lead_team', 'uprn', 'address', 'postcode']));
    }
  });

  it('has no column that could carry narrative', () => {
    for (const id of FEED_IDS) expect(contractColumns(FEED_CONTRACTS[id]).filter((c) => /note|comment|narrative|description|detail/.test(c))).toEqual([]);
  });

  it('accepts a good row and normalises it', () => {
    const checked = checkRow(FEED_CONTRACTS.nhs, nhsRow);
    expect(checked).toEqual({
      ok: true,
      record: expect.objectContaining({
        sourceId: 'ED-1',
        contactDate: '2026-10-01',
        attendance: 'attended',
        open: null,
        person: { givenName: 'Siobhán', familyName: "O'Neill-Smith", dateOfBirth: '1990-02-28', sex: 'F', nhsNumber: '4857773457' },
      }),
    });
  });

  it('marks every snapshot row as an open case', () => {
    const checked = checkRow(FEED_CONTRACTS['council-children'], {
      case_id: 'CSC-1', opened_on: '2025-01-01', category: 'child-protection', given_name: 'Tyler', family_name: 'Brooks', date_of_birth: '2015-05-20', uprn: '100000000104', lead_team: 'CSC-MASH',
    });
    expect(checked.ok && checked.record.open).toBe(true);
  });

  it.each([
    ['attendance_date', '2026-02-30', 'attendance_date is not a real calendar date'],
    ['attendance_date', '2025-02-29', 'attendance_date is not a real calendar date'],
    ['date_of_birth', '1900-02-29', 'date_of_birth is not a real calendar date'],
    ['attendance_date', '2025-04-31', 'attendance_date is not a real calendar date'],
    ['attendance_date', '2025-13-01', 'attendance_date is not a real calendar date'],
    ['attendance_date', '2025-00-10', 'attendance_date is not a real calendar date'],
    ['attendance_date', '2025-06-00', 'attendance_date is not a real calendar date'],
    ['attendance_date', '01/10/2026', 'attendance_date must be a date as YYYY-MM-DD'],
    ['attendance_date', '2999-01-01', 'attendance_date is in the future'],
    ['date_of_birth', '1850-01-01', 'date_of_birth is before 1900'],
    ['category', 'broken leg', 'category is not in the published code list'],
    ['given_name', 'J0hn', 'given_name must contain only letters, spaces, hyphens and apostrophes'],
    ['given_name', 'x'.repeat(61), 'given_name is longer than 60 characters'],
    ['nhs_number', '4857773458', 'nhs_number fails the NHS number check digit'],
    ['sex', 'male', 'sex must be M, F, U or X'],
    ['lead_team', 'ed safe', 'lead_team must be a team code (capitals, digits, dashes)'],
    ['attendance_id', '  ', 'attendance_id is required'],
    ['address', 'line one\nline two', 'address must be on one line'],
    ['address', 'line one\u2028line two', 'address must be on one line'],
    ['address', '27 Mill\u0000Lane', 'address must not contain control characters or text-direction marks'],
    ['address', '\u202Eenal lliM 72', 'address must not contain control characters or text-direction marks'],
    ['postcode', 'MB3\u00004RT', 'postcode must not contain control characters or text-direction marks'],
    ['given_name', 'Sandra\u202E', 'given_name must contain only letters, spaces, hyphens and apostrophes'],
    ['given_name', 'Sandra🙂', 'given_name must contain only letters, spaces, hyphens and apostrophes'],
  ])('rejects %s = %j with a reason that names the rule, not the value', (column, value, reason) => {
    const checked = checkRow(FEED_CONTRACTS.nhs, { ...nhsRow, [column]: value });
    expect(checked).toEqual({ ok: false, reasons: [reason] });
  });

  it('keeps an address as typed: any script, emoji, quotes and a leading formula sign (exports neutralise those)', () => {
    for (const address of ['🏠 27 Mill Lane', 'شارع الملك ٢٧', '"The Old Forge", Mill Lane', '=1+1 Mill Lane', '@home, 27 Mill Lane']) {
      const checked = checkRow(FEED_CONTRACTS.nhs, { ...nhsRow, address });
      expect(checked.ok && checked.record.address, address).toBe(address);
    }
  });

  it('takes the real days a naive check gets wrong: leap days, month ends, tomorrow', () => {
    const cases: [string, string][] = [['date_of_birth', '2000-02-29'], ['date_of_birth', '2024-02-29'], ['attendance_date', '2025-12-31'], ['date_of_birth', '1900-01-31']];
    for (const [column, value] of cases) {
      expect(checkRow(FEED_CONTRACTS.nhs, { ...nhsRow, [column]: value }).ok, `${column} ${value}`).toBe(true);
    }
    // A partner's clock a little ahead of ours: a date of tomorrow (UTC) is taken.
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    expect(checkRow(FEED_CONTRACTS.nhs, { ...nhsRow, attendance_date: tomorrow }).ok).toBe(true);
  });

  it('needs an address when there is no UPRN', () => {
    expect(checkRow(FEED_CONTRACTS.nhs, { ...nhsRow, address: '' })).toEqual({ ok: false, reasons: ['address is required when uprn is blank'] });
    expect(checkRow(FEED_CONTRACTS.nhs, { ...nhsRow, address: '', uprn: '100000000001' }).ok).toBe(true);
  });

  it('lets police and fire rows name nobody, but never half a person', () => {
    const police = { incident_id: 'P-1', incident_date: '2026-10-01', category: 'drugs', address: '1 High St', lead_team: 'POL-1' };
    expect(checkRow(FEED_CONTRACTS.police, police).ok).toBe(true);
    expect(checkRow(FEED_CONTRACTS.police, { ...police, given_name: 'Leanne' })).toEqual({
      ok: false,
      reasons: ['a person needs given_name, family_name and date_of_birth together'],
    });
  });

  it("a file's checker, which remembers accepted cells, answers exactly as checkRow, row after row", () => {
    // Cells by place, in a header of another order than the contract's and with a column it lacks.
    const header = ['notes', ...contractColumns(FEED_CONTRACTS.nhs).reverse()];
    const check = rowChecker(FEED_CONTRACTS.nhs, header, 3);
    const rows = [
      nhsRow,
      { ...nhsRow, attendance_id: 'ED-2' },
      { ...nhsRow, attendance_id: 'ED-3', nhs_number: '4857773456', sex: 'Q' },
      // A cell refused before is refused again (refusals are not remembered)...
      { ...nhsRow, attendance_id: 'ED-4', nhs_number: '4857773456' },
      // ...and the same text in another column is checked by that column's rules.
      { ...nhsRow, attendance_id: 'ED-5', given_name: 'ED-1' },
      { ...nhsRow, attendance_id: 'ED-6', postcode: '', address: '', uprn: '' },
      { ...nhsRow, attendance_id: 'ED 7', category: 'not-a-code', date_of_birth: '2025-02-29' },
      // More distinct values than the checker keeps: it starts again, still exact.
      ...['2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04', '2026-01-01'].map((d, i) => ({ ...nhsRow, attendance_id: `ED-1${i}`, attendance_date: d })),
      { ...nhsRow, action: 'delete', attendance_id: 'ED-1' },
      { ...nhsRow, action: 'delete', attendance_id: 'ED 1' },
    ];
    const results = rows.map((r) => check(header.map((h) => (r as Record<string, string | undefined>)[h])));
    expect(results).toEqual(rows.map((r) => checkRow(FEED_CONTRACTS.nhs, r)));
    expect(results.filter((r) => !r.ok)).toHaveLength(6);
    expect(results[3]).toEqual({ ok: false, reasons: ['nhs_number fails the NHS number check digit'] });
  });

  it('checks NHS numbers by modulus 11', () => {
    expect(nhsCheckDigitValid('4857773457')).toBe(true);
    expect(nhsCheckDigitValid('4857773456')).toBe(false);
    expect(nhsCheckDigitValid('485777345')).toBe(false);
  });
});
