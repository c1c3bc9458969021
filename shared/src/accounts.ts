// Accounts as administrators manage them, and invitations as invitees accept them. One shape
// each, used by the server's validation and the web client's types.
import { z } from 'zod';
import { OrganisationKindSchema, RoleSchema } from './api.ts';

/** How an organisation's users sign in: mast's own password (with its second factor) or the organisation's identity provider. */
export const SignInMethodSchema = z.enum(['password', 'oidc']);
export type SignInMethod = z.infer<typeof SignInMethodSchema>;

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._@-]{1,63}$/;
/** Lower case letters, digits and . _ @ -, 2 to 64 characters: safe in a URL, a log line and a command. */
export const UsernameSchema = z.string().trim().toLowerCase().regex(USERNAME_PATTERN);

export const AccountSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  status: z.enum(['active', 'disabled']),
  /** Signs in through the organisation's identity provider rather than a password. */
  sso: z.boolean(),
  createdAt: z.string(),
});
export type Account = z.infer<typeof AccountSchema>;

export const OpenInviteSchema = z.object({
  id: z.number().int(),
  displayName: z.string(),
  role: RoleSchema,
  username: z.string().nullable(),
  email: z.string().nullable(),
  expiresAt: z.string(),
});
export type OpenInvite = z.infer<typeof OpenInviteSchema>;

export const AdminOrganisationSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: OrganisationKindSchema,
  signIn: SignInMethodSchema,
});
export type AdminOrganisation = z.infer<typeof AdminOrganisationSchema>;

export const AccountListResponseSchema = z.object({
  organisation: AdminOrganisationSchema,
  users: z.array(AccountSchema),
  invites: z.array(OpenInviteSchema),
});
export type AccountListResponse = z.infer<typeof AccountListResponseSchema>;

export const OrganisationListResponseSchema = z.object({ organisations: z.array(AdminOrganisationSchema) });

export const InviteRequestSchema = z
  .object({
    displayName: z.string().trim().min(1).max(100),
    role: RoleSchema,
    username: UsernameSchema.optional(),
    email: z.string().trim().toLowerCase().email().max(254).optional(),
  })
  .refine((i) => i.username !== undefined || i.email !== undefined, { message: 'Give a username or an email address.', path: ['username'] });
export type InviteRequest = z.infer<typeof InviteRequestSchema>;

export const InviteResponseSchema = z.object({
  invite: OpenInviteSchema,
  /** The one-time link, token in its fragment. Shown once: mast keeps only the token's hash. */
  link: z.string(),
});
export type InviteResponse = z.infer<typeof InviteResponseSchema>;

export const RoleChangeRequestSchema = z.object({ role: RoleSchema });
export type RoleChangeRequest = z.infer<typeof RoleChangeRequestSchema>;

export const AccountResponseSchema = z.object({ user: AccountSchema });

/** The token from the link's fragment. */
export const InviteTokenSchema = z.string().regex(/^[a-z2-7]{32}$/);

export const InviteLookupRequestSchema = z.object({ token: InviteTokenSchema });

/** What the invite page shows before the invitee accepts. */
export const InviteDetailsSchema = z.object({
  organisation: z.string(),
  organisationId: z.number().int(),
  displayName: z.string(),
  role: RoleSchema,
  /** Set when the invitation names the username; otherwise the invitee chooses one (password sign-in). */
  username: z.string().nullable(),
  signIn: SignInMethodSchema,
  expiresAt: z.string(),
});
export type InviteDetails = z.infer<typeof InviteDetailsSchema>;

export const InviteAcceptRequestSchema = z.object({
  token: InviteTokenSchema,
  password: z.string().min(1).max(256),
  /** Only when the invitation does not name one. */
  username: UsernameSchema.optional(),
});
export type InviteAcceptRequest = z.infer<typeof InviteAcceptRequestSchema>;

export const InviteAcceptResponseSchema = z.object({ username: z.string() });
export type InviteAcceptResponse = z.infer<typeof InviteAcceptResponseSchema>;

/** Where the browser goes next to sign in through the organisation's identity provider. */
export const SsoRedirectSchema = z.object({ url: z.string() });

/** The organisations whose users sign in through their identity provider: the sign-in page's buttons. */
export const SsoOrganisationListSchema = z.object({ organisations: z.array(z.object({ id: z.number().int(), name: z.string() })) });
export type SsoOrganisationList = z.infer<typeof SsoOrganisationListSchema>;
