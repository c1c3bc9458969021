// The one typed client of the mast API. Same origin, cookie session; shapes come from @mast/shared.
// Responses are never cached here: the server's answer is the only truth (network-only).
import { ERROR_CODE_BY_STATUS } from '@mast/shared/error-codes';
import type {
  AddressDecisionRequest,
  AddressReviewItem,
  AddressReviewListResponse,
  AddressSearchResponse,
  AddressSummary,
  Alert,
  AlertCloseReason,
  AlertCloseRequest,
  AlertListResponse,
  ApiError,
  BreakGlassListResponse,
  BreakGlassRequest,
  BreakGlassResponse,
  BreakGlassReviewRequest,
  LeadNotificationListResponse,
  PurposeListResponse,
  ErrorCode,
  FeedId,
  FeedListResponse,
  LoginRequest,
  LoginResponse,
  AccountSecurity,
  TotpEnrolment,
  TotpConfirmResponse,
  PasswordChangeRequest,
  PersonPage,
  PersonSearchRequest,
  PersonSearchResponse,
  RejectionListResponse,
  ReviewDecision,
  ReviewDecisionRequest,
  ReviewListResponse,
  ReviewPair,
  SessionResponse,
  SignedInStatus,
  UploadListResponse,
} from '@mast/shared';
import { forgetSearch } from './last-person-search.ts';

type Fetch = typeof fetch;

/** What an API error may say beyond its code and message (see ApiErrorSchema). */
export interface ApiErrorDetails {
  fields?: readonly string[];
  retryAfterSeconds?: number;
  attemptsLeft?: number;
}

/** code is the server's error code, or 'network' when no answer arrived at all. */
export class ApiRequestError extends Error {
  readonly status: number;
  readonly code: ErrorCode | 'network';
  readonly fields: readonly string[];
  /** Seconds until the request may succeed, when the server says. */
  readonly retryAfterSeconds: number | undefined;
  /** A refused sign-in: wrong attempts left before sign-in locks. */
  readonly attemptsLeft: number | undefined;

  constructor(status: number, code: ErrorCode | 'network', message: string, details: ApiErrorDetails = {}) {
    super(message);
    this.name = 'ApiRequestError';
    this.status = status;
    this.code = code;
    this.fields = details.fields ?? [];
    this.retryAfterSeconds = details.retryAfterSeconds;
    this.attemptsLeft = details.attemptsLeft;
  }
}

export function isUnauthorized(error: unknown): boolean {
  return error instanceof ApiRequestError && error.status === 401;
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}


function isApiError(body: unknown): body is ApiError {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const error = (body as { error: unknown }).error;
  return typeof error === 'object' && error !== null && 'code' in error && 'message' in error;
}

async function toError(response: Response): Promise<ApiRequestError> {
  const body: unknown = await response.json().catch(() => null);
  if (isApiError(body)) {
    const { code, message, ...details } = body.error;
    return new ApiRequestError(response.status, code, message, details);
  }
  const code = ERROR_CODE_BY_STATUS[response.status] ?? 'internal';
  return new ApiRequestError(response.status, code, response.statusText || code);
}

/**
 * The session (or the account) has ended: what the phone kept for it goes too. Loaded only when
 * needed, so pages that never keep anything do not carry the offline store.
 */
function forgetSessionData(): void {
  forgetSearch();
  import('./offline/alert-list-store.ts')
    .then(({ purgeAlertList }) => purgeAlertList())
    .catch(() => {});
}

interface RequestOptions {
  method?: 'GET' | 'POST';
  body?: unknown;
  signal?: AbortSignal;
  /** SvelteKit's load `fetch`, when called from a load function. */
  fetch?: Fetch;
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const doFetch = options.fetch ?? fetch;
  const init: RequestInit = {
    method: options.method ?? 'GET',
    credentials: 'same-origin',
    cache: 'no-store',
    headers: { accept: 'application/json' },
  };
  if (options.signal) init.signal = options.signal;
  if (options.body !== undefined) {
    init.headers = { accept: 'application/json', 'content-type': 'application/json' };
    init.body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await doFetch(path, init);
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new ApiRequestError(0, 'network', 'The network request failed');
  }
  if (response.status === 401) forgetSessionData();
  if (!response.ok) throw await toError(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** A right password signs in, or asks next for a code, or (demo off) for a second factor to be set up. */
export function login(credentials: LoginRequest, fetch?: Fetch): Promise<LoginResponse> {
  return request('/api/auth/login', { method: 'POST', body: credentials, ...(fetch && { fetch }) });
}

/** Finishes signing in with an authenticator code or a recovery code. */
export function giveSecondFactor(code: string): Promise<SessionResponse> {
  return request('/api/auth/second-factor', { method: 'POST', body: { code } });
}

/** Ends every session of this user, on every device. */
export function logoutEverywhere(): Promise<void> {
  return request('/api/auth/logout-everywhere', { method: 'POST' });
}

export function getAccountSecurity(fetch?: Fetch): Promise<AccountSecurity> {
  return request('/api/account/security', { ...(fetch && { fetch }) });
}

export function startTotpEnrolment(): Promise<TotpEnrolment> {
  return request('/api/account/totp', { method: 'POST' });
}

export function confirmTotpEnrolment(code: string): Promise<TotpConfirmResponse> {
  return request('/api/account/totp/confirm', { method: 'POST', body: { code } });
}

export function changePassword(body: PasswordChangeRequest): Promise<void> {
  return request('/api/account/password', { method: 'POST', body });
}

export function logout(fetch?: Fetch): Promise<void> {
  return request('/api/auth/logout', { method: 'POST', ...(fetch && { fetch }) });
}

export function getSession(fetch?: Fetch): Promise<SessionResponse> {
  return request('/api/auth/me', { ...(fetch && { fetch }) });
}

/** Whether this browser is signed in, asked without a 401 (which a browser logs as a failed request). */
export function getSignedInStatus(fetch?: Fetch): Promise<SignedInStatus> {
  return request('/api/auth/status', { ...(fetch && { fetch }) });
}

export function searchAddresses(query: string, signal?: AbortSignal, fetch?: Fetch, page?: { offset: number; limit: number }): Promise<AddressSearchResponse> {
  const params = new URLSearchParams({ q: query, ...(page && { offset: String(page.offset), limit: String(page.limit) }) });
  return request(`/api/addresses?${params}`, { ...(signal && { signal }), ...(fetch && { fetch }) });
}

/** One address's summary, for a stated purpose (a code and a reference: never a name). */
export function getAddress(uprn: string, why: { purpose: string; reference: string | null }, fetch?: Fetch): Promise<AddressSummary> {
  const params = new URLSearchParams({ purpose: why.purpose, ...(why.reference && { reference: why.reference }) });
  return request(`/api/addresses/${encodeURIComponent(uprn)}?${params}`, { ...(fetch && { fetch }) });
}

/** Finds a person: the name and date of birth go in the POST body, never in a URL. */
export function searchPeople(body: PersonSearchRequest, signal?: AbortSignal): Promise<PersonSearchResponse> {
  return request('/api/people/search', { method: 'POST', body, ...(signal && { signal }) });
}

/** One person's page by their id only, for a stated purpose (a code and a reference: never a name). */
export function getPerson(personId: string, why: { purpose: string; reference: string | null }, fetch?: Fetch): Promise<PersonPage> {
  const params = new URLSearchParams({ purpose: why.purpose, ...(why.reference && { reference: why.reference }) });
  return request(`/api/people/${encodeURIComponent(personId)}?${params}`, { ...(fetch && { fetch }) });
}

let purposesFor: { username: string; list: Promise<PurposeListResponse> } | null = null;
/** The purposes the signed-in user may give; asked once per user per page load of the app. */
export function getPurposes(username: string, fetch?: Fetch): Promise<PurposeListResponse> {
  if (purposesFor?.username !== username) {
    const list = request<PurposeListResponse>('/api/purposes', { ...(fetch && { fetch }) });
    purposesFor = { username, list };
    list.catch(() => (purposesFor = null));
  }
  return purposesFor.list;
}

export function breakGlass(uprn: string, body: BreakGlassRequest, fetch?: Fetch): Promise<BreakGlassResponse> {
  return request(`/api/addresses/${encodeURIComponent(uprn)}/break-glass`, { method: 'POST', body, ...(fetch && { fetch }) });
}

/** The supervisor's organisation's break-glass uses, awaiting review first. */
export function listBreakGlass(fetch?: Fetch): Promise<BreakGlassListResponse> {
  return request('/api/break-glass', { ...(fetch && { fetch }) });
}

export function reviewBreakGlass(id: string, outcome: BreakGlassReviewRequest['outcome'], fetch?: Fetch): Promise<void> {
  return request(`/api/break-glass/${encodeURIComponent(id)}/review`, { method: 'POST', body: { outcome }, ...(fetch && { fetch }) });
}

/** The alerts the user's sharing agreement lets them see, with the key a phone keeps its copy under. */
export function listAlerts(fetch?: Fetch): Promise<AlertListResponse> {
  return request('/api/alerts', { ...(fetch && { fetch }) });
}

/** The lead agency has seen the alert (its organisation only). */
export function acknowledgeAlert(id: string): Promise<Alert> {
  return request(`/api/alerts/${encodeURIComponent(id)}/acknowledge`, { method: 'POST' });
}

export function closeAlert(id: string, reason: AlertCloseReason): Promise<void> {
  const body: AlertCloseRequest = { reason };
  return request(`/api/alerts/${encodeURIComponent(id)}/close`, { method: 'POST', body });
}

/** Looks by other organisations where the user's team leads an open case. */
export function listNotifications(fetch?: Fetch): Promise<LeadNotificationListResponse> {
  return request('/api/notifications', { ...(fetch && { fetch }) });
}

export function markNotificationRead(id: string, fetch?: Fetch): Promise<void> {
  return request(`/api/notifications/${encodeURIComponent(id)}/read`, { method: 'POST', ...(fetch && { fetch }) });
}

/** The stewards' review queue: open pairs (likeliest first) or decided ones, with the open count. */
export function listReviewPairs(status: 'open' | 'decided', fetch?: Fetch): Promise<ReviewListResponse> {
  const params = new URLSearchParams({ status });
  return request(`/api/review/pairs?${params}`, { ...(fetch && { fetch }) });
}

/** One pair by its id only: names and dates of birth never go in a URL. */
export function getReviewPair(id: string, fetch?: Fetch): Promise<ReviewPair> {
  return request(`/api/review/pairs/${encodeURIComponent(id)}`, { ...(fetch && { fetch }) });
}

export function decideReviewPair(id: string, decision: ReviewDecision, fetch?: Fetch): Promise<ReviewPair> {
  const body: ReviewDecisionRequest = { decision };
  return request(`/api/review/pairs/${encodeURIComponent(id)}/decision`, { method: 'POST', body, ...(fetch && { fetch }) });
}

/** The stewards' queue of uncertain addresses: open items (most rows first) or decided ones, with the open count. */
export function listAddressReviews(status: 'open' | 'decided', fetch?: Fetch): Promise<AddressReviewListResponse> {
  const params = new URLSearchParams({ status });
  return request(`/api/review/addresses?${params}`, { ...(fetch && { fetch }) });
}

/** One item by its number only: the address itself never goes in a URL. */
export function getAddressReview(id: string, fetch?: Fetch): Promise<AddressReviewItem> {
  return request(`/api/review/addresses/${encodeURIComponent(id)}`, { ...(fetch && { fetch }) });
}

export function decideAddressReview(id: string, decision: ReviewDecision, fetch?: Fetch): Promise<AddressReviewItem> {
  const body: AddressDecisionRequest = { decision };
  return request(`/api/review/addresses/${encodeURIComponent(id)}/decision`, { method: 'POST', body, ...(fetch && { fetch }) });
}

/** Every partner feed: schedule, fresh / late / missing, newest upload, last 30 days (stewards and admins). */
export function listFeeds(fetch?: Fetch): Promise<FeedListResponse> {
  return request('/api/admin/feeds', { ...(fetch && { fetch }) });
}

/** One feed's uploads, newest first, a page at a time. */
export function listFeedUploads(feed: FeedId, page: number, fetch?: Fetch): Promise<UploadListResponse> {
  const params = new URLSearchParams({ page: String(page) });
  return request(`/api/admin/feeds/${encodeURIComponent(feed)}/uploads?${params}`, { ...(fetch && { fetch }) });
}

/** The rows an upload rejected (numbers and reasons only), a page at a time. */
export function getUploadRejections(id: string, page: number, fetch?: Fetch): Promise<RejectionListResponse> {
  const params = new URLSearchParams({ page: String(page) });
  return request(`/api/admin/uploads/${encodeURIComponent(id)}/rejections?${params}`, { ...(fetch && { fetch }) });
}
