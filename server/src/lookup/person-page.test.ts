// The other names a person's page and a search result show: once each whatever the case, never
// the name shown, and never from an agency the agreement tells the viewer nothing of.
import { describe, expect, it } from 'vitest';
import { loadAgreement } from '../access/agreement.ts';
import { otherNamesOf } from './person-page.ts';

describe('other names', () => {
  const names = [
    { given_name: 'Sandra', family_name: 'Kelly', feed: 'police' },
    { given_name: 'Sandi', family_name: 'KELLY', feed: 'nhs' },
    { given_name: 'Sandi', family_name: 'Kelly', feed: 'council-adults' },
    { given_name: 'SANDRA', family_name: 'KELLY', feed: 'fire' },
    { given_name: 'Sandra', family_name: 'Doyle', feed: 'nhs' },
  ];

  it('shows each other name once, whatever its case, and not the name the person is shown by', () => {
    expect(otherNamesOf(names, 'Sandra Kelly', null)).toEqual(['Sandi KELLY', 'Sandra Doyle']);
  });

  it('leaves out names only an agency the viewer is told nothing of holds', () => {
    const rules = { ...loadAgreement().viewers.get('fire/responder')!, levels: { ...loadAgreement().viewers.get('fire/responder')!.levels } };
    const nothingOfHealth = { ...rules, levels: { ...rules.levels, nhs: Object.fromEntries(Object.keys(rules.levels.nhs).map((c) => [c, 'hidden' as const])) } };
    expect(otherNamesOf(names, 'Sandra Kelly', nothingOfHealth)).toEqual(['Sandi Kelly']);
  });
});
