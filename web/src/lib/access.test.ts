import { describe, expect, it } from 'vitest';
import { breakGlassLinkLabel, canReviewBreakGlass, notificationsLinkLabel, purposeWords, viewerText } from './access.ts';

describe('who is offered the sharing agreement pages', () => {
  it('offers break-glass review to supervisors only', () => {
    expect(canReviewBreakGlass('supervisor')).toBe(true);
    for (const role of ['responder', 'practitioner', 'data-steward', 'ig-officer', 'analyst', 'admin'] as const) expect(canReviewBreakGlass(role)).toBe(false);
  });

  it('says how many wait, and nothing when none do', () => {
    expect(breakGlassLinkLabel(null)).toBe('Break-glass uses');
    expect(breakGlassLinkLabel(0)).toBe('Break-glass uses');
    expect(breakGlassLinkLabel(2)).toBe('Break-glass uses: 2 to review');
    expect(notificationsLinkLabel(3)).toBe('Who looked at your cases: 3 new');
  });

  it('names who looked by name, organisation and role, and the purpose in words', () => {
    expect(viewerText({ viewer: { displayName: 'PC Alex Morgan', organisation: 'Police force', role: 'responder' } })).toBe('PC Alex Morgan (Police force, responder)');
    expect(purposeWords('attending-incident')).toBe('Attending incident');
  });
});
