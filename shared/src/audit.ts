// The information governance officer's view of the audit trail: searching it, the unusual
// patterns it shows, a subject access report and the chain's anchor. Searches name users,
// addresses and people by id only: a person's name or date of birth never goes in a URL.
import { z } from 'zod';
import { RoleSchema } from './api.ts';

// Bounded so that the search's range is one PostgreSQL reads: it has no year 0, and the end of a
// `to` day in 9999 is a moment in the year 10000.
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'a real date')
  .refine((d) => d >= '1900-01-01' && d <= '9998-12-31', 'a date from 1900 to 9998');
/** An id as digits, no larger than its column holds (a users id is a 32-bit integer; the others
 * are read as JavaScript numbers): a larger one would be an error from the database, not "none". */
const id = (max: number) =>
  z
    .string()
    .regex(/^[1-9]\d{0,15}$/)
    .refine((v) => Number(v) <= max, 'too large to be an id');

/** A purpose code as the purposes list spells them ('attending-incident', 'home-visit', ...). */
export const PurposeCodeSchema = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/);

/** Lookups with these purposes must carry a reference (an incident number); without one they are flagged. */
export const INCIDENT_BOUND_PURPOSES: readonly string[] = ['attending-incident'];

export const AuditSearchQuerySchema = z.object({
  userId: id(2_147_483_647).optional(),
  uprn: z.string().regex(/^[1-9]\d{0,11}$/).optional(),
  personId: id(Number.MAX_SAFE_INTEGER).optional(),
  purpose: PurposeCodeSchema.optional(),
  /** From the start of this UTC day, up to the end of `to`. */
  from: day.optional(),
  to: day.optional(),
  /** The next page: entries before this seq (newest first). */
  before: id(Number.MAX_SAFE_INTEGER).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditSearchQuery = z.infer<typeof AuditSearchQuerySchema>;

export const AuditEntryViewSchema = z.object({
  /** Its place in the hash chain; null for an entry written a moment ago and not yet linked in. */
  seq: z.number().int().nullable(),
  at: z.string(),
  userId: z.number().int().nullable(),
  /** The user's display name: the IG officer may see who looked. */
  userName: z.string().nullable(),
  organisation: z.string().nullable(),
  role: z.string().nullable(),
  action: z.string(),
  uprn: z.number().int().nullable(),
  /** The address as one line, when the entry names one in the gazetteer. */
  address: z.string().nullable(),
  subjectKind: z.string().nullable(),
  subjectId: z.string().nullable(),
  purpose: z.string().nullable(),
  reference: z.string().nullable(),
  client: z.string().nullable(),
});
export type AuditEntryView = z.infer<typeof AuditEntryViewSchema>;

export const AuditSearchResponseSchema = z.object({
  entries: z.array(AuditEntryViewSchema),
  /** Pass as `before` for the next page; null on the last. */
  nextBefore: z.number().int().nullable(),
});
export type AuditSearchResponse = z.infer<typeof AuditSearchResponseSchema>;

export const AUDIT_FLAG_KINDS = ['many-lookups', 'no-incident-reference', 'own-street', 'bulk-reading'] as const;
export const AuditFlagKindSchema = z.enum(AUDIT_FLAG_KINDS);
export type AuditFlagKind = z.infer<typeof AuditFlagKindSchema>;

export const AuditFlagSchema = z.object({
  kind: AuditFlagKindSchema,
  /** The entry flagged, or the latest of the user's lookups counted. */
  seq: z.number().int().nullable(),
  at: z.string(),
  userId: z.number().int().nullable(),
  userName: z.string().nullable(),
  organisation: z.string().nullable(),
  role: z.string().nullable(),
  uprn: z.number().int().nullable(),
  address: z.string().nullable(),
  purpose: z.string().nullable(),
  /** many-lookups: the user's lookups and the median of their peers (same role) over the period. */
  lookups: z.number().int().nullable(),
  peerMedian: z.number().nullable(),
});
export type AuditFlag = z.infer<typeof AuditFlagSchema>;

export const AuditFlagsQuerySchema = z.object({ days: z.coerce.number().int().min(1).max(90).default(7) });

export const AuditFlagsResponseSchema = z.object({
  since: z.string(),
  flags: z.array(AuditFlagSchema),
});
export type AuditFlagsResponse = z.infer<typeof AuditFlagsResponseSchema>;

/** The person by id, in the body: a subject access request is about someone, and stays out of URLs and logs. */
export const SubjectAccessRequestSchema = z.object({ personId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
export type SubjectAccessRequest = z.infer<typeof SubjectAccessRequestSchema>;

export const SubjectAccessLookupSchema = z.object({
  at: z.string(),
  organisation: z.string().nullable(),
  role: z.string().nullable(),
  purpose: z.string().nullable(),
  /** 'address': one of the person's addresses was looked up; 'person': their records were. */
  looked: z.enum(['address', 'person']),
  uprn: z.number().int().nullable(),
  address: z.string().nullable(),
});
export type SubjectAccessLookup = z.infer<typeof SubjectAccessLookupSchema>;

export const SubjectAccessReportSchema = z.object({
  personId: z.number().int(),
  addresses: z.array(z.object({ uprn: z.number().int(), address: z.string().nullable() })),
  lookups: z.array(SubjectAccessLookupSchema),
  /** Organisations and roles, not individual users' names, as a subject access response gives them. */
  note: z.string(),
});
export type SubjectAccessReport = z.infer<typeof SubjectAccessReportSchema>;

export const AuditAnchorSchema = z.object({
  anchor: z.object({ seq: z.number().int(), hash: z.string(), at: z.string() }).nullable(),
  /** Where the chain ends now. */
  headSeq: z.number().int(),
});
export type AuditAnchor = z.infer<typeof AuditAnchorSchema>;

export const AUDIT_READER_ROLES: readonly z.infer<typeof RoleSchema>[] = ['ig-officer'];
