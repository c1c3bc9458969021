// The partner agencies mast joins, one per feed. The feed id doubles as the agency key
// everywhere (API, database, UI), so there is one list to keep in step.

export const FEED_IDS = ['council-adults', 'council-children', 'fire', 'nhs', 'police'] as const;
export type FeedId = (typeof FEED_IDS)[number];

export type FeedKind = 'snapshot' | 'incremental';

export interface AgencyInfo {
  id: FeedId;
  /** What a person on a phone reads: short and plain. */
  name: string;
  /** Organisation that sends the feed. */
  organisation: string;
  /** snapshot: a full daily list of open cases (missing = closed); incremental: upsert by source id. */
  kind: FeedKind;
  /** Hours after which a feed's latest upload counts as late (a daily feed plus a grace period). */
  lateAfterHours: number;
}

export const AGENCIES: Record<FeedId, AgencyInfo> = {
  police: { id: 'police', name: 'Police', organisation: 'Police force', kind: 'incremental', lateAfterHours: 30 },
  'council-children': {
    id: 'council-children',
    name: "Children's social care",
    organisation: 'Borough council',
    kind: 'snapshot',
    lateAfterHours: 30,
  },
  'council-adults': {
    id: 'council-adults',
    name: 'Adult social care',
    organisation: 'Borough council',
    kind: 'snapshot',
    lateAfterHours: 30,
  },
  nhs: { id: 'nhs', name: 'NHS A&E', organisation: 'NHS hospital trust', kind: 'incremental', lateAfterHours: 30 },
  fire: { id: 'fire', name: 'Fire and rescue', organisation: 'Fire and rescue service', kind: 'incremental', lateAfterHours: 30 },
};

/** Display order on the result page: the agencies an officer most often needs first. */
export const AGENCY_ORDER: readonly FeedId[] = ['police', 'council-children', 'council-adults', 'nhs', 'fire'];

export function isFeedId(value: string): value is FeedId {
  return (FEED_IDS as readonly string[]).includes(value);
}
