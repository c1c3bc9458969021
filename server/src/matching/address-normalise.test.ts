import { describe, it, expect } from 'vitest';
import { normalisePostcode, parseAddress, parseHouseNumber } from './address-normalise.ts';
import { comparePostcodes, parsePostcode } from './address/postcode.ts';
import { foldKey } from './address/tokens.ts';

const street = (text: string) => parseAddress(text).runs[0]?.join(' ');

describe('abbreviations', () => {
  it.each([
    ['1 Mill Rd', 'MILL ROAD'], ['1 High St', 'HIGH STREET'], ['1 Chestnut Ave', 'CHESTNUT AVENUE'],
    ['1 Chestnut Av.', 'CHESTNUT AVENUE'], ['1 Larch Cl', 'LARCH CLOSE'], ['1 Moor Cres', 'MOOR CRESCENT'],
    ['1 Hazel Dr', 'HAZEL DRIVE'], ['1 Mill Ln', 'MILL LANE'], ['1 Mill La', 'MILL LANE'], ['1 Elm Gro', 'ELM GROVE'],
    ['1 Elm Gr', 'ELM GROVE'], ['1 Albert Tce', 'ALBERT TERRACE'], ['1 Albert Ter', 'ALBERT TERRACE'],
    ['1 Canal Wk', 'CANAL WALK'], ['1 Abbey Ct', 'ABBEY COURT'], ['1 Abbey Crt', 'ABBEY COURT'],
    ['1 Mill Gdns', 'MILL GARDENS'], ['1 Regent Pl', 'REGENT PLACE'], ['1 Regent Sq', 'REGENT SQUARE'],
    ['1 Hyde Pk', 'HYDE PARK'], ['Oak Hse', 'OAK HOUSE'],
  ])('%s -> %s', (text, expected) => {
    expect(street(text)).toBe(expected);
  });

  it('reads ST as Saint at the start of a name and Street after one', () => {
    expect(street("27 St Mary's Rd")).toBe('SAINT MARYS ROAD');
    expect(street('St. Johns Street')).toBe('SAINT JOHNS STREET');
    expect(street('10 High St')).toBe('HIGH STREET');
    expect(street("4 St Peter's St")).toBe('SAINT PETERS STREET');
    // Either reading compares equal, so a guess can never stop a match.
    expect(foldKey(['SAINT', 'MARYS', 'ROAD'])).toBe(foldKey(['ST', 'MARYS', 'ROAD']));
  });
});

describe('sub-buildings and numbers', () => {
  it.each([
    ['Flat 2, 10 High St', ['2'], ['10']],
    ['2/10 High Street', ['2'], ['10']],
    ['Flat A, 12 Park Road', ['A'], ['12']],
    ['flat b 12 park rd', ['B'], ['12']],
    ['Apartment 3, Victoria House', ['3'], []],
    ['Apt. 03 Victoria House', ['3'], []],
    ['Ground Floor Flat, 16 Park Road', ['F0'], ['16']],
    ['GFF 16 Park Rd', ['F0'], ['16']],
    ['Ground Floor, 16 Park Rd', ['F0'], ['16']],
    ['FFF, 16 Park Rd', ['F1'], ['16']],
    ['1st Floor Flat 16 Park Road', ['F1'], ['16']],
    ['First Floor Flat, 16 Park Road', ['F1'], ['16']],
    ['Second Floor Flat, 16 Park Road', ['F2'], ['16']],
    ['Basement Flat, 16 Park Road', ['FB'], ['16']],
    ['Lower Ground Floor Flat, 16 Park Road', ['FLG'], ['16']],
    ['Flat 4, Beech Court, 5 Station Road', ['4'], ['5']],
    ['4 Beech Court, 5 Station Road', [], ['4', '5']],
    ['10B High St', [], ['10B']],
    ['10 B High St', [], ['10B']],
    ['No. 10 High St', [], ['10']],
    ['10-12 Market St', [], ['10-12']],
    ['10 - 12 Market St', [], ['10-12']],
    ['Rose Cottage, Mill Lane', [], []],
    ['1 First Avenue', [], ['1']],
  ])('%s', (text, subs, numbers) => {
    const p = parseAddress(text);
    expect(p.subs).toEqual(subs);
    expect(p.numbers.map((n) => n.raw)).toEqual(numbers);
  });

  it('keeps house names and street names as runs of words', () => {
    expect(parseAddress('Rose Cottage, Mill Lane, Northfield').runs).toEqual([['ROSE', 'COTTAGE'], ['MILL', 'LANE'], ['NORTHFIELD']]);
    expect(parseAddress('1 First Avenue').runs).toEqual([['FIRST', 'AVENUE']]);
  });

  it('reads ranges and letters in house numbers', () => {
    expect(parseHouseNumber('10-12')).toMatchObject({ lo: 10, hi: 12, suffix: '' });
    expect(parseHouseNumber('10B')).toMatchObject({ lo: 10, hi: 10, suffix: 'B' });
    expect(parseHouseNumber('12-10')).toBeNull();
  });
});

describe('postcodes', () => {
  it('normalises case and spacing, and finds one written in the address', () => {
    expect(normalisePostcode('mb34rt')).toBe('MB3 4RT');
    expect(normalisePostcode(' sw1a  1aa ')).toBe('SW1A 1AA');
    expect(normalisePostcode('MB3 ORT')).toBe('MB3 0RT');
    expect(normalisePostcode('not one')).toBeNull();
    expect(parseAddress('27 Mill Lane, Northfield MB3 4RT').postcode?.full).toBe('MB3 4RT');
    expect(parseAddress('27 Mill Lane, Northfield MB3 4RT').runs).toEqual([['MILL', 'LANE'], ['NORTHFIELD']]);
  });

  it('checks the Royal Mail letter rules', () => {
    expect(parsePostcode('SW1A 1AA')?.valid).toBe(true);
    expect(parsePostcode('EC1V 9HX')?.valid).toBe(true);
    expect(parsePostcode('M1 1AE')?.valid).toBe(true);
    expect(parsePostcode('QA1 1AA')?.valid).toBe(false); // no Q first
    expect(parsePostcode('SW1A 1CA')?.valid).toBe(false); // no C in the unit
  });

  it('grades agreement: full, one character off, sector, district', () => {
    const c = parsePostcode('MB3 4RT')!;
    expect(comparePostcodes(parsePostcode('MB3 4RT'), c)).toBe('full');
    expect(comparePostcodes(parsePostcode('MB3 4RX'), c)).toBe('one-off');
    expect(comparePostcodes(parsePostcode('MB8 4RT'), c)).toBe('one-off');
    expect(comparePostcodes(parsePostcode('MB3 4TR'), c)).toBe('one-off'); // swapped
    expect(comparePostcodes(parsePostcode('MB3 4AB'), c)).toBe('sector');
    expect(comparePostcodes(parsePostcode('MB3 9AB'), c)).toBe('district');
    expect(comparePostcodes(parsePostcode('LS1 9AB'), c)).toBe('other-district');
    expect(comparePostcodes(null, c)).toBe('none');
  });
});
