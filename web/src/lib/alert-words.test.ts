import { ALERT_CLOSE_REASONS } from '@mast/shared';
import { describe, expect, it } from 'vitest';
import { alertCountsText, alertStateText, CLOSE_REASONS, latestContactText } from './alert-words.ts';
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
  it('offers the close reasons the API accepts, with their words', () => {
    expect(CLOSE_REASONS).toEqual(ALERT_CLOSE_REASONS);
  });
});
