// The partner agencies mast joins, one per feed. The feed id doubles as the agency key
// everywhere (API, database, UI), so there is one list to keep in step. Each feed's delivery
// schedule lives here too: it is what "late" is measured against (see feed-freshness.ts).
// Imports nothing, so the PWA can use it without zod.

export const FEED_IDS = ['council-adults', 'council-children', 'fire', 'nhs', 'police'] as const;
export type FeedId = (typeof FEED_IDS)[number];

export type FeedKind = 'snapshot' | 'incremental';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * When a partner has agreed to deliver its file, as its information-sharing agreement says it,
 * in UK local time (Europe/London: "07:00" is 07:00 in summer too).
 * - `every`: 'day' (every day), 'weekdays' (Monday to Friday) or 'week' (once a week, on `on`).
 * - `by`: the latest time of day the file is due, "HH:MM" (24-hour clock).
 * - `graceMinutes`: how long after `by` the feed still counts as on time.
 */
export type FeedSchedule =
  | { every: 'day'; by: string; graceMinutes: number }
  | { every: 'weekdays'; by: string; graceMinutes: number }
  | { every: 'week'; on: Weekday; by: string; graceMinutes: number };

export interface AgencyInfo {
  id: FeedId;
  /** What a person on a phone reads: short and plain. */
  name: string;
  /** Organisation that sends the feed. */
  organisation: string;
  /** The kind of partner that organisation is (the same list as OrganisationKindSchema in api.ts). */
  organisationKind: 'police' | 'fire' | 'nhs' | 'council';
  /** snapshot: a full daily list of open cases (missing = closed); incremental: upsert by source id. */
  kind: FeedKind;
  /** When the feed's file is due: a feed with no file since its last due time (plus grace) is late. */
  schedule: FeedSchedule;
}

export const AGENCIES: Record<FeedId, AgencyInfo> = {
  police: {
    id: 'police',
    name: 'Police',
    organisation: 'Police force',
    organisationKind: 'police',
    kind: 'incremental',
    schedule: { every: 'day', by: '07:00', graceMinutes: 60 },
  },
  'council-children': {
    id: 'council-children',
    name: "Children's social care",
    organisation: 'Borough council',
    organisationKind: 'council',
    kind: 'snapshot',
    schedule: { every: 'day', by: '07:00', graceMinutes: 60 },
  },
  'council-adults': {
    id: 'council-adults',
    name: 'Adult social care',
    organisation: 'Borough council',
    organisationKind: 'council',
    kind: 'snapshot',
    // The council's case system runs its extract on working days only.
    schedule: { every: 'weekdays', by: '08:00', graceMinutes: 60 },
  },
  nhs: {
    id: 'nhs',
    name: 'NHS A&E',
    organisation: 'NHS hospital trust',
    organisationKind: 'nhs',
    kind: 'incremental',
    schedule: { every: 'day', by: '06:00', graceMinutes: 120 },
  },
  fire: {
    id: 'fire',
    name: 'Fire and rescue',
    organisation: 'Fire and rescue service',
    organisationKind: 'fire',
    kind: 'incremental',
    schedule: { every: 'day', by: '07:00', graceMinutes: 60 },
  },
};

/** Display order on the result page: the agencies an officer most often needs first. */
export const AGENCY_ORDER: readonly FeedId[] = ['police', 'council-children', 'council-adults', 'nhs', 'fire'];

export function isFeedId(value: string): value is FeedId {
  return (FEED_IDS as readonly string[]).includes(value);
}
