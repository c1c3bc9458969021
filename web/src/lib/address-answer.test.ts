import type { AddressSummary, Involvement } from '@mast/shared';
import { describe, expect, it } from 'vitest';
import { addressAnswer, agencyNames, flatsWithInvolvement, involvedFirst, knownAtText } from './address-answer.ts';

const FRESH = { state: 'fresh', asOf: '2026-11-25T06:10:00Z', lateSince: null, expectedBy: null, text: '' } as const;
function line(agency: Involvement['agency'], agencyName: string, involved: boolean, state: Involvement['feed']['state'] = 'fresh'): Involvement {
  return { agency, agencyName, involved, shared: 'all', notShared: [], detail: 'full', categories: [], contacts12m: involved ? 1 : 0, lastContact: null, openCase: null, contact: null, feed: { ...FRESH, state } };
}

// The server's display order: police, children's, adults', NHS, fire.
const MILL_LANE = [
  line('police', 'Police', true),
  line('council-children', "Children's social care", false),
  line('council-adults', 'Adult social care', true),
  line('nhs', 'NHS A&E', true),
  line('fire', 'Fire and rescue', false),
];

describe('addressAnswer', () => {
  it('names the involved agencies first, then the ones not known, every agency once', () => {
    const answer = addressAnswer(MILL_LANE);
    expect(answer.text).toBe("Police, Adult social care, NHS A&E involved; Children's social care, Fire and rescue not known");
    expect([...answer.involved, ...answer.notKnown].map((p) => p.agency).sort()).toEqual(MILL_LANE.map((l) => l.agency).sort());
  });

  it('says when a "not known" comes from a feed that is late or never came', () => {
    const lines = [line('police', 'Police', true, 'late'), line('council-children', "Children's social care", false, 'late'), line('fire', 'Fire and rescue', false, 'missing')];
    expect(addressAnswer(lines).text).toBe("Police involved; Children's social care (data late), Fire and rescue (no data received) not known");
  });

  it('a quiet house: nobody involved, and still every agency named', () => {
    const quiet = MILL_LANE.map((l) => ({ ...l, involved: false }));
    expect(addressAnswer(quiet).text).toBe(
      "No agency has recorded involvement here: Police, Children's social care, Adult social care, NHS A&E, Fire and rescue not known",
    );
    expect(addressAnswer(MILL_LANE.map((l) => ({ ...l, involved: true }))).text).toBe(
      "Police, Children's social care, Adult social care, NHS A&E, Fire and rescue involved",
    );
  });
});

describe('addressAnswer under the sharing agreement', () => {
  it('never calls an agency "not known" when some of its records are kept from the viewer', () => {
    const lines = [
      line('police', 'Police', true),
      { ...line('council-children', "Children's social care", false), shared: 'some' as const },
      { ...line('nhs', 'NHS A&E', false), shared: 'none' as const },
      line('fire', 'Fire and rescue', false),
    ];
    const answer = addressAnswer(lines);
    expect(answer.text).toBe("Police involved; Fire and rescue not known; Children's social care, NHS A&E not all shared with you");
    expect(answer.notKnown.map((p) => p.agency)).toEqual(['fire']);
    expect(answer.notShared.map((p) => p.agency)).toEqual(['council-children', 'nhs']);
  });

  it('a house with nothing shared says so, not that nobody is involved', () => {
    const lines = [line('police', 'Police', false), { ...line('nhs', 'NHS A&E', false), shared: 'some' as const }];
    expect(addressAnswer(lines).text).toBe('No involvement shared with you here: Police not known; NHS A&E not all shared with you');
  });

  it('an agency shared as a flag is involved like any other', () => {
    const flagged = { ...line('nhs', 'NHS A&E', true), detail: 'flag' as const };
    expect(addressAnswer([flagged]).involved.map((p) => p.agency)).toEqual(['nhs']);
  });
});

describe('involvedFirst', () => {
  it('puts the involved lines first and keeps every line, each side in display order', () => {
    expect(involvedFirst(MILL_LANE).map((l) => l.agency)).toEqual(['police', 'council-adults', 'nhs', 'council-children', 'fire']);
  });
});

const BLOCK: Pick<AddressSummary, 'units' | 'address'> = {
  address: { uprn: '3', label: 'Beech Court, 5 Station Road, Kingsmead, Mastbury', postcode: 'MB2 3PL', parentUprn: null, latitude: null, longitude: null },
  units: [
    { uprn: '101', label: 'Flat 1, Beech Court, 5 Station Road, Kingsmead, Mastbury', agencies: [] },
    { uprn: '104', label: 'Flat 4, Beech Court, 5 Station Road, Kingsmead, Mastbury', agencies: ['police', 'council-children'] },
    { uprn: '109', label: 'Flat 9, Beech Court, 5 Station Road, Kingsmead, Mastbury', agencies: ['nhs'] },
  ],
};

describe('flats', () => {
  it('lists the flats with involvement by their short names, and their agencies by name', () => {
    expect(flatsWithInvolvement(BLOCK)).toEqual(['Flat 4', 'Flat 9']);
    expect(agencyNames(BLOCK.units[1]!.agencies)).toBe("Police, Children's social care");
  });

  it('says which flats a person is known at, and nothing where the page is one place', () => {
    expect(knownAtText(['104'], BLOCK)).toBe('Flat 4');
    expect(knownAtText(['3', '101', '104'], BLOCK)).toBe('the building (no flat named), Flat 1 and Flat 4');
    expect(knownAtText(['104'], { ...BLOCK, units: [] })).toBeNull();
  });
});
