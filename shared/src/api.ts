// Request and response shapes of the HTTP API: used by the server (validation and the OpenAPI
// document) and by the web client (types). Define a shape here once, nowhere else.
import { z } from 'zod';
import { FEED_IDS } from './agencies.ts';
import { ALERT_CLOSE_REASONS, type AlertCloseReason } from './alerts/close-reasons.ts';

/**
 * What a user does, whichever organisation they belong to. What they may see follows from this
 * and their organisation's kind (the visibility matrix, shared/visibility/).
 * - responder: a police officer or firefighter going to an address;
 * - practitioner: a social worker or health safeguarding professional;
 * - supervisor: reviews break-glass uses by their organisation's staff;
 * - data-steward: settles uncertain matches and watches the feeds;
 * - ig-officer: information governance, reads the audit silently;
 * - analyst: trend data only, never a person or an address's live record;
 * - admin: accounts and organisations.
 */
export const ROLES = ['responder', 'practitioner', 'supervisor', 'data-steward', 'ig-officer', 'analyst', 'admin'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

export const ORGANISATION_KINDS = ['police', 'fire', 'nhs', 'council'] as const;
/** The kind of partner a user's organisation is: a police force, a fire service, an NHS trust or a council. */
export const OrganisationKindSchema = z.enum(ORGANISATION_KINDS);
export type OrganisationKind = z.infer<typeof OrganisationKindSchema>;

export const LoginRequestSchema = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

export const UserSchema = z.object({
  username: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  organisation: z.string(),
  organisationKind: OrganisationKindSchema,
});
export type User = z.infer<typeof UserSchema>;

export const SessionResponseSchema = z.object({ user: UserSchema, expiresAt: z.string() });
/** Whether this browser holds a live, fully signed-in session: asked by the sign-in page, answered 200 either way. */
export const SignedInStatusSchema = z.object({ signedIn: z.boolean() });
export type SignedInStatus = z.infer<typeof SignedInStatusSchema>;
export type SessionResponse = z.infer<typeof SessionResponseSchema>;

export const HealthSchema = z.object({
  status: z.enum(['ok', 'unavailable']),
  database: z.enum(['up', 'down']),
  backend: z.enum(['pglite', 'postgres']),
  /** Where this process's lookups read now: a replica (with how far behind, in seconds) or the primary. */
  lookupsReadFrom: z.enum(['primary', 'replica']),
  replicaLagSeconds: z.number().nullable(),
});
export type Health = z.infer<typeof HealthSchema>;

/** Address text only (never a name): what was typed, and which page of the matches to answer. */
export const AddressSearchQuerySchema = z.object({
  q: z.string().trim().min(1).max(100),
  offset: z.coerce.number().int().min(0).max(10_000).default(0),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

export const AddressHitSchema = z.object({
  uprn: z.string(),
  label: z.string(),
  postcode: z.string(),
  /** Set for a flat: the building's UPRN. */
  parentUprn: z.string().nullable(),
  /** How many flats sit under this address (0 for a single dwelling or a flat). */
  units: z.number().int(),
});
export type AddressHit = z.infer<typeof AddressHitSchema>;

export const AddressSearchResponseSchema = z.object({
  /** Best first: what agrees exactly (postcode, number, flat, whole street name, locality) before what agrees partly. */
  results: z.array(AddressHitSchema),
  /** How many addresses match in all; `results` is the page of them from `offset`. */
  total: z.number().int(),
  offset: z.number().int(),
  /**
   * The first result is clearly the address typed: everything typed agrees with it and nothing
   * else comes close, so the search key may open it. Otherwise a person must choose.
   */
  clearFirst: z.boolean(),
});
export type AddressSearchResponse = z.infer<typeof AddressSearchResponseSchema>;

export const AgencyIdSchema = z.enum(FEED_IDS);

export const ContactSchema = z.object({
  team: z.string(),
  phone: z.string(),
  /**
   * When the team's line is answered, in UK time, in mast's hours format ("24/7", "Mon–Fri
   * 08:30–17:00"; see opening-hours.ts). A team list loaded before hours were data may hold free
   * text here, which is shown as it is.
   */
  hours: z.string(),
  /** Whom to call when the team's line is closed (an emergency duty team, a switchboard); null when the team names no one. */
  outOfHours: z.object({ name: z.string(), phone: z.string() }).nullable(),
});
export type Contact = z.infer<typeof ContactSchema>;

export const FeedStatusSchema = z.object({
  /** fresh: delivered on schedule; late: the file due by the schedule (plus grace) has not come; missing: never delivered. */
  state: z.enum(['fresh', 'late', 'missing']),
  /** When the data was last delivered (ISO timestamp), null if never. */
  asOf: z.string().nullable(),
  /** When the feed became late (ISO timestamp); null unless late. */
  lateSince: z.string().nullable(),
  /** When the next file is due by the feed's schedule (ISO timestamp); null if none ever came. */
  expectedBy: z.string().nullable(),
  /** What a person reads, in UK time: "Police data as of 06:10 today", "Police data is late: last received 06:10 two days ago". */
  text: z.string(),
});
export type FeedStatus = z.infer<typeof FeedStatusSchema>;

export const InvolvementSchema = z.object({
  agency: AgencyIdSchema,
  agencyName: z.string(),
  /** Whether the agency has a record here that the sharing agreement lets this viewer know of. */
  involved: z.boolean(),
  /**
   * How much of this agency's records the sharing agreement shares with this viewer: all of it
   * (at full detail or as flags), some (some categories are kept from them, so "not involved" means
   * "nothing shared with you", never "not known"), or none.
   */
  shared: z.enum(['all', 'some', 'none']),
  /** The categories of this agency the sharing agreement keeps from this viewer, whatever is recorded (the agreement's, not the data's). */
  notShared: z.array(z.object({ code: z.string(), label: z.string() })),
  /**
   * full: the categories below are all there is to see; flag: some or all of what is known here
   * is shared as a flag only (involved, open case, how recent, how many, whom to call), so
   * `categories` lists only what may be seen in full.
   */
  detail: z.enum(['full', 'flag']),
  categories: z.array(z.object({ code: z.string(), label: z.string() })),
  /** Contacts dated within the last 12 months, of those the viewer may know of. */
  contacts12m: z.number().int(),
  lastContact: z.string().nullable(),
  /** Whether a case is open now (snapshot feeds); null for incident feeds. */
  openCase: z.boolean().nullable(),
  /** Whom to call: the lead team of the most recent contact. */
  contact: ContactSchema.nullable(),
  feed: FeedStatusSchema,
});
export type Involvement = z.infer<typeof InvolvementSchema>;

export const PersonSummarySchema = z.object({
  personId: z.string(),
  name: z.string(),
  dateOfBirth: z.string(),
  /** UPRNs of the places in this summary (the address or a flat under it) where a record names them, in the order of `units` with the address first. */
  knownAt: z.array(z.string()),
  agencies: z.array(InvolvementSchema),
});
export type PersonSummary = z.infer<typeof PersonSummarySchema>;

export const AddressSchema = z.object({
  uprn: z.string(),
  label: z.string(),
  postcode: z.string(),
  parentUprn: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
});

// Alerts: the list a crew's phone keeps for a shift, the alerts on an address page, and the lead
// agency's acknowledgement and closure. An alert carries counts by agency (as the sharing
// agreement lets the viewer know of those agencies) and whom to call: never a category, a name or
// a date of birth, so that the list a phone keeps offline holds no case data.
export const AlertSchema = z.object({
  id: z.string(),
  /** The rule's code, its title and its plain-language explanation. */
  rule: z.string(),
  title: z.string(),
  explain: z.string(),
  /** An address, or a person (placed at the address they were last recorded at; never named here). */
  subject: z.enum(['address', 'person']),
  address: z.object({ uprn: z.string(), label: z.string(), postcode: z.string() }).nullable(),
  /** Contacts in the rule's window by agency, in display order, for the agencies the viewer may know of. */
  evidence: z.object({
    counts: z.array(z.object({ agency: AgencyIdSchema, agencyName: z.string(), contacts: z.number().int() })),
    windowWeeks: z.number().int(),
    /** The newest contact counted (YYYY-MM-DD). */
    latest: z.string(),
  }),
  state: z.enum(['open', 'acknowledged']),
  raisedAt: z.string(),
  updatedAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  /** The lead agency's team: whom to call about it. */
  lead: z.object({ organisation: z.string(), contact: ContactSchema }),
  /** The viewer belongs to the lead agency, so may acknowledge and close it. */
  canAct: z.boolean(),
});
export type Alert = z.infer<typeof AlertSchema>;

export const AlertListResponseSchema = z.object({
  alerts: z.array(AlertSchema),
  /** When the list was made, and when a phone must throw its copy away (the server sets the time). */
  generatedAt: z.string(),
  expiresAt: z.string(),
  /** The rules' version the alerts were raised under. */
  rulesVersion: z.string(),
  /**
   * The key (AES-GCM, 256 bits, base64url) the phone encrypts its copy under: the same for the
   * whole of one sign-in session and different for every other, so a copy outlives neither.
   */
  listKey: z.string(),
});
export type AlertListResponse = z.infer<typeof AlertListResponseSchema>;

const reasons = Object.keys(ALERT_CLOSE_REASONS) as [AlertCloseReason, ...AlertCloseReason[]];
export const AlertCloseRequestSchema = z.object({ reason: z.enum(reasons) });
export type AlertCloseRequest = z.infer<typeof AlertCloseRequestSchema>;

/** What an answer was shaped by: the purpose given, the agreement's version, and any break-glass. */
export const SummaryAccessSchema = z.object({
  purpose: z.string(),
  reference: z.string().nullable(),
  agreementVersion: z.string(),
  /** The viewer broke the glass for this address: they see everything, and a supervisor will review it. */
  breakGlass: z.boolean(),
  /** The viewer may ask to break the glass here (their role may, and the matrix keeps something from them). */
  canBreakGlass: z.boolean(),
});
export type SummaryAccess = z.infer<typeof SummaryAccessSchema>;

/** Which database an answer was read from: the primary, or a replica at most lagSeconds behind it. */
export const ReadFromSchema = z.object({
  servedBy: z.enum(['primary', 'replica']),
  lagSeconds: z.number().nonnegative().nullable(),
});
export type ReadFrom = z.infer<typeof ReadFromSchema>;

export const AddressSummarySchema = z.object({
  address: AddressSchema,
  /** A partner marked this address as sensitive (a refuge, a protected person's home): do not disclose it. */
  sensitive: z.boolean(),
  access: SummaryAccessSchema,
  /** Flats under this address, whose involvements are included in the totals, each with the agencies involved at it. */
  units: z.array(z.object({ uprn: z.string(), label: z.string(), agencies: z.array(AgencyIdSchema) })),
  /** Agencies involved at this address's own UPRN (at a building: recorded without a flat), in display order. */
  agenciesAtAddressItself: z.array(AgencyIdSchema),
  /** One line per agency, always all agencies, in display order: "not known" is an answer too. */
  agencies: z.array(InvolvementSchema),
  people: z.array(PersonSummarySchema),
  /** Open alerts at this address and its flats (the rule, the counts by agency, whom to call), as the agreement allows. */
  alerts: z.array(AlertSchema),
  generatedAt: z.string(),
  /** Read from a replica behind the primary: the page says by how much (absent from older answers). */
  readFrom: ReadFromSchema.optional(),
});
export type AddressSummary = z.infer<typeof AddressSummarySchema>;

export const UprnParamSchema = z.object({ uprn: z.string().regex(/^[1-9]\d{0,11}$/) });

/** Why the address is looked up: a purpose code the viewer's role may give (GET /api/purposes), and its reference. */
export const PurposeQuerySchema = z.object({
  purpose: z.string().regex(/^[a-z][a-z-]{1,39}$/).optional(),
  reference: z.string().trim().min(1).max(40).regex(/^[\w\-/.: ]+$/, 'letters, digits and - / . : only').optional(),
});

export const PurposeSchema = z.object({
  code: z.string(),
  label: z.string(),
  reference: z.enum(['required', 'optional', 'none']),
  referenceLabel: z.string().nullable(),
});
export type Purpose = z.infer<typeof PurposeSchema>;

/** What the sharing agreement lets a role search people by. */
export const FIND_PEOPLE = ['none', 'name', 'name-or-nhs-number'] as const;
export type FindPeople = (typeof FIND_PEOPLE)[number];

export const PurposeListResponseSchema = z.object({
  purposes: z.array(PurposeSchema),
  agreementVersion: z.string(),
  /** Whether the user may search people, and by what. */
  findPeople: z.enum(FIND_PEOPLE),
});
export type PurposeListResponse = z.infer<typeof PurposeListResponseSchema>;

/** A responder asks to see everything at one address: why, in their words (no case detail), and the purpose. */
export const BreakGlassRequestSchema = z.object({
  reason: z.string().trim().min(10, 'say in a sentence why you need to see more').max(300),
  purpose: z.string().regex(/^[a-z][a-z-]{1,39}$/),
  reference: z.string().trim().min(1).max(40).regex(/^[\w\-/.: ]+$/).optional(),
});
export type BreakGlassRequest = z.infer<typeof BreakGlassRequestSchema>;

export const BreakGlassResponseSchema = z.object({ id: z.string(), expiresAt: z.string() });
export type BreakGlassResponse = z.infer<typeof BreakGlassResponseSchema>;

export const BreakGlassUseSchema = z.object({
  id: z.string(),
  user: z.object({ displayName: z.string(), role: RoleSchema }),
  uprn: z.string(),
  addressLabel: z.string().nullable(),
  reason: z.string(),
  purpose: z.string(),
  reference: z.string().nullable(),
  grantedAt: z.string(),
  expiresAt: z.string(),
  review: z.object({ outcome: z.enum(['justified', 'not-justified']), by: z.string(), at: z.string() }).nullable(),
});
export type BreakGlassUse = z.infer<typeof BreakGlassUseSchema>;
export const BreakGlassListResponseSchema = z.object({ uses: z.array(BreakGlassUseSchema), awaitingReview: z.number().int() });
export type BreakGlassListResponse = z.infer<typeof BreakGlassListResponseSchema>;
export const BreakGlassReviewRequestSchema = z.object({ outcome: z.enum(['justified', 'not-justified']) });
export type BreakGlassReviewRequest = z.infer<typeof BreakGlassReviewRequestSchema>;

export const LeadNotificationSchema = z.object({
  id: z.string(),
  /** Where the open case is; null when a person was looked up and their case names no matched address. */
  uprn: z.string().nullable(),
  addressLabel: z.string().nullable(),
  /** What the other organisation looked at: the address, or the person (then named, as the team holds their case). */
  subject: z.enum(['address', 'person']),
  person: z.object({ personId: z.string(), name: z.string() }).nullable(),
  viewer: z.object({ displayName: z.string(), organisation: z.string(), role: RoleSchema }),
  purpose: z.string(),
  reference: z.string().nullable(),
  breakGlass: z.boolean(),
  at: z.string(),
  read: z.boolean(),
});
export type LeadNotification = z.infer<typeof LeadNotificationSchema>;
export const LeadNotificationListResponseSchema = z.object({
  /** Null when the user is in no partner team: there is nothing for them to be told. */
  team: z.string().nullable(),
  notifications: z.array(LeadNotificationSchema),
  unread: z.number().int(),
});
export type LeadNotificationListResponse = z.infer<typeof LeadNotificationListResponseSchema>;
export const IdParamSchema = z.object({ id: z.string().regex(/^[1-9]\d{0,15}$/) });
