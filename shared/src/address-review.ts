// The data stewards' queue of uncertain address matches: an address as partners sent it (all
// the rows that spelt it the same way, as one item) beside the gazetteer address the matcher
// proposed, with the parts that agreed and disagreed, and the steward's decision. Decisions are
// remembered and win over the matcher for later rows with the same address.
import { z } from 'zod';
import { AgencyIdSchema } from './api.ts';
import { ReviewDecisionSchema } from './review.ts';

/** How one part of the address compared: agreed, partly (a slip, a looser form), against, or not written. */
export const AddressReasonVerdictSchema = z.enum(['agrees', 'partly', 'against', 'missing']);
export type AddressReasonVerdict = z.infer<typeof AddressReasonVerdictSchema>;

export const AddressReasonSchema = z.object({
  /** The matcher's words: "house number", "street (fuzzy)", "postcode (none)"... never a value. */
  text: z.string(),
  verdict: AddressReasonVerdictSchema,
});
export type AddressReason = z.infer<typeof AddressReasonSchema>;

export const AddressReviewItemSchema = z.object({
  id: z.string(),
  /** The address as the partners sent it (the commonest spelling when rows differ in case or commas). */
  sent: z.object({
    address: z.string(),
    postcode: z.string().nullable(),
    /** How many spellings were read as this one address. */
    spellings: z.number().int(),
  }),
  /** The gazetteer address the matcher proposed. */
  candidate: z.object({ uprn: z.string(), label: z.string(), postcode: z.string() }),
  score: z.number(),
  reasons: z.array(AddressReasonSchema),
  /** Feed rows in this item: waiting (open item) or settled by the decision. */
  rows: z.number().int(),
  agencies: z.array(z.object({ agency: AgencyIdSchema, agencyName: z.string(), rows: z.number().int() })),
  status: z.enum(['open', 'same', 'different']),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type AddressReviewItem = z.infer<typeof AddressReviewItemSchema>;

export const AddressReviewListResponseSchema = z.object({ items: z.array(AddressReviewItemSchema), open: z.number().int() });
export type AddressReviewListResponse = z.infer<typeof AddressReviewListResponseSchema>;

/** same: the rows are at the candidate address; different: they are not. */
export const AddressDecisionRequestSchema = z.object({ decision: ReviewDecisionSchema });
export type AddressDecisionRequest = z.infer<typeof AddressDecisionRequestSchema>;
