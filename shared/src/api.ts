// Request and response shapes of the HTTP API: used by the server (validation and the OpenAPI
// document) and by the web client (types). Define a shape here once, nowhere else.
import { z } from 'zod';
import { FEED_IDS } from './agencies.ts';

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
export type SessionResponse = z.infer<typeof SessionResponseSchema>;

export const HealthSchema = z.object({
  status: z.enum(['ok', 'unavailable']),
  database: z.enum(['up', 'down']),
  backend: z.enum(['pglite', 'postgres']),
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
  involved: z.boolean(),
  categories: z.array(z.object({ code: z.string(), label: z.string() })),
  /** Contacts dated within the last 12 months. */
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

export const AddressSummarySchema = z.object({
  address: AddressSchema,
  /** Flats under this address, whose involvements are included in the totals, each with the agencies involved at it. */
  units: z.array(z.object({ uprn: z.string(), label: z.string(), agencies: z.array(AgencyIdSchema) })),
  /** Agencies involved at this address's own UPRN (at a building: recorded without a flat), in display order. */
  agenciesAtAddressItself: z.array(AgencyIdSchema),
  /** One line per agency, always all agencies, in display order: "not known" is an answer too. */
  agencies: z.array(InvolvementSchema),
  people: z.array(PersonSummarySchema),
  generatedAt: z.string(),
});
export type AddressSummary = z.infer<typeof AddressSummarySchema>;

export const UprnParamSchema = z.object({ uprn: z.string().regex(/^[1-9]\d{0,11}$/) });
