// Published code lists: the only categories a feed may send. A code outside its list is a
// rejected row, never a free-text label, so no case narrative can slip in through a category.
import type { FeedId } from './agencies.ts';

export const CODE_LISTS = {
  'council-adults': {
    'self-neglect': 'Self-neglect',
    'mental-health': 'Mental health',
    'learning-disability': 'Learning disability',
    'physical-disability': 'Physical disability',
    'safeguarding-enquiry': 'Safeguarding enquiry (s42)',
    'substance-misuse': 'Substance misuse',
    'domestic-abuse': 'Domestic abuse',
    'carer-support': 'Carer support',
    'older-person-frailty': 'Frailty / older person',
  },
  'council-children': {
    'early-help': 'Early help',
    'child-in-need': 'Child in need',
    'child-protection': 'Child protection plan',
    'looked-after': 'Looked-after child',
    'care-leaver': 'Care leaver',
    'youth-justice': 'Youth justice',
  },
  fire: {
    'accidental-dwelling-fire': 'Accidental dwelling fire',
    'deliberate-fire': 'Deliberate fire',
    'hoarding': 'Hoarding',
    'home-fire-safety-visit': 'Home fire safety visit',
    'smoke-alarm-activation': 'Smoke alarm activation',
    'false-alarm': 'False alarm',
    'assist-person': 'Assist a person',
    'gaining-entry': 'Gaining entry',
  },
  nhs: {
    'injury': 'Injury',
    'self-harm': 'Self-harm',
    'overdose': 'Overdose / poisoning',
    'alcohol': 'Alcohol related',
    'mental-health': 'Mental health crisis',
    'assault': 'Assault',
    'fall': 'Fall',
    'medical': 'Medical',
    'did-not-attend': 'Did not attend',
  },
  police: {
    'domestic-abuse': 'Domestic abuse',
    'concern-for-welfare': 'Concern for welfare',
    'missing-person': 'Missing person',
    'child-concern': 'Child concern',
    'antisocial-behaviour': 'Antisocial behaviour',
    'violence': 'Violence',
    'drugs': 'Drugs',
    'mental-health': 'Mental health',
    'burglary': 'Burglary',
  },
} as const satisfies Record<FeedId, Record<string, string>>;

export type CategoryCode<F extends FeedId> = keyof (typeof CODE_LISTS)[F] & string;

export function categoryCodes(feed: FeedId): string[] {
  return Object.keys(CODE_LISTS[feed]);
}

export function categoryLabel(feed: FeedId, code: string): string {
  const list = CODE_LISTS[feed] as Record<string, string>;
  return list[code] ?? code;
}
