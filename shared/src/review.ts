// The data stewards' review queue: a pair of person records the matcher was unsure about,
// side by side, with the evidence for and against, and the steward's decision. Decisions are
// remembered and win over the model.
import { z } from 'zod';
import { AgencyIdSchema } from './api.ts';

export const MatchEvidenceSchema = z.object({
  /** given_name, family_name, date_of_birth, sex, address, nhs_number */
  field: z.string(),
  /** The comparison level that applied, in words: "exact", "nickname", "day and month swapped"... */
  level: z.string(),
  /** log2 of the Bayes factor: positive for a match, negative against, 0 when a value is missing. */
  weight: z.number(),
});
export type MatchEvidence = z.infer<typeof MatchEvidenceSchema>;

export const ReviewRecordSchema = z.object({
  recordId: z.string(),
  agency: AgencyIdSchema,
  agencyName: z.string(),
  givenName: z.string(),
  familyName: z.string(),
  dateOfBirth: z.string(),
  sex: z.string().nullable(),
  /** The matched address, when there is one. */
  address: z.string().nullable(),
  postcode: z.string().nullable(),
  /** Whether the record carries an NHS number (the number itself is not shown). */
  hasNhsNumber: z.boolean(),
});
export type ReviewRecord = z.infer<typeof ReviewRecordSchema>;

export const ReviewDecisionSchema = z.enum(['same', 'different']);
export type ReviewDecision = z.infer<typeof ReviewDecisionSchema>;

export const ReviewPairSchema = z.object({
  id: z.string(),
  left: ReviewRecordSchema,
  right: ReviewRecordSchema,
  /** Total match weight (log2) and the probability it stands for. */
  weight: z.number(),
  probability: z.number(),
  evidence: z.array(MatchEvidenceSchema),
  /** Why the pair waits for a steward, in plain words (reviewReason in review-reason.ts). */
  reason: z.string(),
  status: z.enum(['open', 'same', 'different']),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type ReviewPair = z.infer<typeof ReviewPairSchema>;

export const ReviewListResponseSchema = z.object({ pairs: z.array(ReviewPairSchema), open: z.number().int() });
export type ReviewListResponse = z.infer<typeof ReviewListResponseSchema>;

export const ReviewDecisionRequestSchema = z.object({ decision: ReviewDecisionSchema });
export type ReviewDecisionRequest = z.infer<typeof ReviewDecisionRequestSchema>;

export const ReviewIdParamSchema = z.object({ id: z.string().regex(/^[1-9]\d{0,15}$/) });

/** Why a person's records are linked: each record explained against its closest other record. */
export const PersonLinksResponseSchema = z.object({
  personId: z.string(),
  records: z.array(ReviewRecordSchema),
  links: z.array(
    z.object({
      recordId: z.string(),
      toRecordId: z.string(),
      weight: z.number(),
      probability: z.number(),
      evidence: z.array(MatchEvidenceSchema),
    }),
  ),
});
export type PersonLinksResponse = z.infer<typeof PersonLinksResponseSchema>;

export const PersonIdParamSchema = z.object({ personId: z.string().regex(/^[1-9]\d{0,15}$/) });
