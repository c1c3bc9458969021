import { describe, expect, it } from 'vitest';
import { alertCountsText, alertsByLead, alertStateText, latestContactText } from './alert-words.ts';
import { makeAlert } from './offline/alert-list-fixture.ts';

describe('alert words', () => {
  const alert = makeAlert({ id: 'a1' });
  it('counts contacts by agency in the rule window', () => {
    expect(alertCountsText(alert.evidence)).toBe('Police 6 · NHS A&E 4 · Fire 2 in 13 weeks');
    expect(alertCountsText({ ...alert.evidence, counts: [alert.evidence.counts[0]!], windowWeeks: 1 })).toBe('Police 6 in 1 week');
  });
  it('says the latest contact as a date', () => {
    expect(latestContactText(alert.evidence)).toBe('Latest contact 14 Nov 2026');
  });
  it('says whether the lead team has acknowledged it', () => {
    expect(alertStateText(alert)).toBe('Open: not yet acknowledged by the lead team');
    expect(alertStateText({ state: 'acknowledged', acknowledgedAt: '2026-11-21T09:00:00Z' })).toBe('Acknowledged by the lead team on 21 Nov 2026');
  });
});

describe('alertsByLead', () => {
  const council = makeAlert({ id: 'c1' });
  const police = makeAlert({
    id: 'p1',
    lead: { organisation: 'Police force', contact: { team: 'Neighbourhood policing', phone: '01632 960001', hours: '24/7', outOfHours: null } },
  });
  it("keeps each lead team's alerts together and shows its lines once, on the first", () => {
    const order = alertsByLead([council, police, { ...council, id: 'c2' }, { ...council, id: 'c3' }]);
    expect(order.map((o) => [o.alert.id, o.showCall])).toEqual([
      ['c1', true],
      ['c2', false],
      ['c3', false],
      ['p1', true],
    ]);
  });
});
