// The audit API for the information governance officer's pages. A person is sent by id in a POST
// body, never in a URL.
import type { AuditAnchor, AuditFlagsResponse, AuditSearchResponse, SubjectAccessReport, SubjectAccessRequest } from '@mast/shared';
import { ApiRequestError, request } from './api.ts';
import { searchParams, type AuditSearchFields } from './audit.ts';

type Fetch = typeof fetch;

export function searchAudit(fields: AuditSearchFields, before?: number | null, fetch?: Fetch): Promise<AuditSearchResponse> {
  return request(`/api/audit/entries?${searchParams(fields, before)}`, { ...(fetch && { fetch }) });
}

/** Where the same search downloads as CSV (the download is audited by the server). */
export function auditCsvHref(fields: AuditSearchFields): string {
  return `/api/audit/entries.csv?${searchParams(fields)}`;
}

export function getAuditFlags(fetch?: Fetch): Promise<AuditFlagsResponse> {
  return request('/api/audit/flags', { ...(fetch && { fetch }) });
}

export function getAuditAnchor(fetch?: Fetch): Promise<AuditAnchor> {
  return request('/api/audit/anchor', { ...(fetch && { fetch }) });
}

export function getSubjectAccessReport(personId: number): Promise<SubjectAccessReport> {
  const body: SubjectAccessRequest = { personId };
  return request('/api/audit/subject-access', { method: 'POST', body });
}

/** The report as a CSV file, fetched with a POST (the person stays out of the URL) and saved. */
export async function downloadSubjectAccessCsv(personId: number): Promise<void> {
  const body: SubjectAccessRequest = { personId };
  let response: Response;
  try {
    response = await fetch('/api/audit/subject-access.csv', {
      method: 'POST',
      credentials: 'same-origin',
      cache: 'no-store',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch {
    throw new ApiRequestError(0, 'network', 'The network request failed');
  }
  if (!response.ok) throw new ApiRequestError(response.status, 'internal', 'The report could not be downloaded');
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = `mast-subject-access-${personId}.csv`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
