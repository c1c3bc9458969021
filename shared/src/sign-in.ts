// Shapes of signing in with a second factor, and of the account's own security page.
import { z } from 'zod';
import { SessionResponseSchema } from './api.ts';

/**
 * What a right password leads to: signed in; a code still to give (the account has a second
 * factor); or, with the demo off, a second factor to set up first. The last two hold a short-lived
 * session that opens only the routes that finish signing in.
 */
export const LoginResponseSchema = z.discriminatedUnion('status', [
  SessionResponseSchema.extend({ status: z.literal('signed-in') }),
  z.object({ status: z.literal('second-factor') }),
  z.object({ status: z.literal('enrol-second-factor') }),
]);
export type LoginResponse = z.infer<typeof LoginResponseSchema>;

/** A six-digit code from the authenticator, or one of the recovery codes. */
export const SecondFactorRequestSchema = z.object({ code: z.string().trim().min(6).max(32) });
export type SecondFactorRequest = z.infer<typeof SecondFactorRequestSchema>;

export const AccountSecuritySchema = z.object({
  /** The account has a confirmed authenticator. */
  secondFactor: z.boolean(),
  recoveryCodesLeft: z.number().int().nonnegative(),
  /** This deployment requires a second factor (the demo is off). */
  required: z.boolean(),
  /** The session is waiting for a second factor to be set up before it opens the app. */
  enrolling: z.boolean(),
});
export type AccountSecurity = z.infer<typeof AccountSecuritySchema>;

export const TotpEnrolmentSchema = z.object({
  /** otpauth://totp/... for the QR code. */
  uri: z.string(),
  /** The key in base32, for typing into an authenticator by hand. */
  secret: z.string(),
});
export type TotpEnrolment = z.infer<typeof TotpEnrolmentSchema>;

export const TotpConfirmRequestSchema = z.object({ code: z.string().trim().regex(/^\d{6}$/) });
export type TotpConfirmRequest = z.infer<typeof TotpConfirmRequestSchema>;

export const TotpConfirmResponseSchema = z.object({
  /** Ten single-use codes for a lost phone: shown only now. */
  recoveryCodes: z.array(z.string()),
  /** Set when confirming finished signing in. */
  session: SessionResponseSchema.optional(),
});
export type TotpConfirmResponse = z.infer<typeof TotpConfirmResponseSchema>;

export const PasswordChangeRequestSchema = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(1).max(256),
});
export type PasswordChangeRequest = z.infer<typeof PasswordChangeRequestSchema>;
