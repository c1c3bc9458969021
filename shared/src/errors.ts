// The one JSON shape of every API error. Messages never carry personal data.
import { z } from 'zod';
import { ERROR_CODES } from './error-codes.ts';

export { ERROR_CODES, ERROR_CODE_BY_STATUS, type ErrorCode } from './error-codes.ts';

export const ApiErrorSchema = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    /** Which fields were wrong (names only, never values). */
    fields: z.array(z.string()).optional(),
    /** Seconds until the refused request may succeed (a 429, also in its Retry-After header). */
    retryAfterSeconds: z.number().int().positive().optional(),
    /** A refused sign-in: wrong attempts left from this client before each further one must wait. */
    attemptsLeft: z.number().int().nonnegative().optional(),
  }),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;
