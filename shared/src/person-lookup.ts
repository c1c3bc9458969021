// Finding a person: the search a practitioner sends (in a POST body: a name and a date of birth
// never go in a URL), the ranked answers with why each was found, and the person's page, the same
// per-agency lines as an address's, as the sharing agreement lets the viewer see them.
import { z } from 'zod';
import { AgencyIdSchema, AlertSchema, InvolvementSchema, SummaryAccessSchema } from './api.ts';

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine((d) => {
    const t = Date.parse(`${d}T00:00:00Z`);
    return !Number.isNaN(t) && new Date(t).toISOString().startsWith(d) && d >= '1880-01-01' && d <= '2100-12-31';
  }, 'a real date of birth');

const name = z.string().trim().max(60).regex(/^[\p{L}\p{M} .'’-]*$/u, 'letters, spaces, hyphens and apostrophes only');

export const PersonSearchRequestSchema = z
  .object({
    givenName: name.default(''),
    familyName: name.default(''),
    /** YYYY-MM-DD; '' when not known (the search then leans on the names alone). */
    dateOfBirth: z.union([z.literal(''), isoDay]).default(''),
    /** Ten digits, spaces allowed; only for roles the agreement lets search by NHS number. */
    nhsNumber: z
      .string()
      .trim()
      .transform((s) => s.replace(/\s+/g, ''))
      .pipe(z.string().regex(/^(\d{10})?$/, 'ten digits'))
      .default(''),
    purpose: z.string().regex(/^[a-z][a-z-]{1,39}$/),
    reference: z.string().trim().min(1).max(40).regex(/^[\w\-/.: ]+$/, 'letters, digits and - / . : only').optional(),
  })
  .refine((q) => q.nhsNumber !== '' || (q.familyName !== '' && (q.givenName !== '' || q.dateOfBirth !== '')), {
    message: 'give a family name with a given name or a date of birth (or an NHS number)',
    path: ['familyName'],
  });
export type PersonSearchRequest = z.input<typeof PersonSearchRequestSchema>;

/** How well a result agrees with what was asked: strong (name and date of birth, or NHS number), likely, or possible. */
export const MATCH_STRENGTHS = ['strong', 'likely', 'possible'] as const;
export type MatchStrength = (typeof MATCH_STRENGTHS)[number];

export const KnownPlaceSchema = z.object({
  uprn: z.string(),
  label: z.string(),
  postcode: z.string(),
});
export type KnownPlace = z.infer<typeof KnownPlaceSchema>;

export const PersonMatchSchema = z.object({
  personId: z.string(),
  name: z.string(),
  dateOfBirth: z.string(),
  /** Other names the person's records carry (a married name, a short form), as partners typed them. */
  otherNames: z.array(z.string()),
  /** Where they are known, most recent first (places the viewer may not find are left out). */
  knownAt: z.array(KnownPlaceSchema),
  strength: z.enum(MATCH_STRENGTHS),
  /** Why this person was found, in words: "date of birth matches with day and month swapped". */
  why: z.array(z.string()),
});
export type PersonMatch = z.infer<typeof PersonMatchSchema>;

export const PersonSearchResponseSchema = z.object({
  /** Best first; at most ten. */
  results: z.array(PersonMatchSchema),
  /** More people matched than are shown (a common name without a date of birth): ask with more. */
  more: z.boolean(),
  searchedBy: z.enum(['name', 'nhs-number']),
  access: SummaryAccessSchema,
});
export type PersonSearchResponse = z.infer<typeof PersonSearchResponseSchema>;

export const PersonPageSchema = z.object({
  person: z.object({ personId: z.string(), name: z.string(), dateOfBirth: z.string(), otherNames: z.array(z.string()) }),
  access: SummaryAccessSchema,
  /** The places their records name, most recent first, each with the agencies involved with them there. */
  knownAt: z.array(KnownPlaceSchema.extend({ agencies: z.array(AgencyIdSchema), lastContact: z.string().nullable() })),
  /** One line per agency, always all agencies, in display order: "not known" is an answer too. */
  agencies: z.array(InvolvementSchema),
  /** Open alerts on this person, as the agreement allows. */
  alerts: z.array(AlertSchema),
  generatedAt: z.string(),
});
export type PersonPage = z.infer<typeof PersonPageSchema>;
