// The accounts part of the API client: administration, invitations and single sign-on.
// Invitation tokens go in request bodies only, never in a URL.
import type {
  AccountListResponse,
  Account,
  InviteAcceptRequest,
  InviteAcceptResponse,
  InviteDetails,
  InviteRequest,
  InviteResponse,
  Role,
  SsoOrganisationList,
} from '@mast/shared';
import { request } from './api.ts';

type Fetch = typeof fetch;

export function listAccounts(fetch?: Fetch): Promise<AccountListResponse> {
  return request('/api/admin/users', { ...(fetch && { fetch }) });
}

export function inviteAccount(invite: InviteRequest): Promise<InviteResponse> {
  return request('/api/admin/users/invites', { method: 'POST', body: invite });
}

export type AccountAction = 'disable' | 'enable' | 'second-factor/reset';

export async function actOnAccount(id: number, action: AccountAction): Promise<Account> {
  return (await request<{ user: Account }>(`/api/admin/users/${id}/${action}`, { method: 'POST' })).user;
}

export async function changeAccountRole(id: number, role: Role): Promise<Account> {
  return (await request<{ user: Account }>(`/api/admin/users/${id}/role`, { method: 'POST', body: { role } })).user;
}

export function lookupInvite(token: string): Promise<InviteDetails> {
  return request('/api/invites/lookup', { method: 'POST', body: { token } });
}

export function acceptInvite(accept: InviteAcceptRequest): Promise<InviteAcceptResponse> {
  return request('/api/invites/accept', { method: 'POST', body: accept });
}

/** Where to send the browser to accept by signing on through the organisation's provider. */
export function startInviteSso(token: string): Promise<{ url: string }> {
  return request('/api/invites/sso', { method: 'POST', body: { token } });
}

export function listSsoOrganisations(): Promise<SsoOrganisationList> {
  return request('/api/auth/sso-organisations');
}

/** Withdraws an invitation not yet used: its link stops working. */
export function withdrawInvite(id: number): Promise<void> {
  return request(`/api/admin/users/invites/${id}/withdraw`, { method: 'POST' });
}
