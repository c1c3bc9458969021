// One address looked up by one signed-in user, as the sharing agreement allows: their rules, the
// purpose they gave, any break-glass they hold there, the summary and its open alerts shaped for
// them, the audit entry of what they were shown, and the lead teams told. The route answers what
// this returns; the benchmark measures it against the bare summary.
import type { Db, SessionWithUser } from '@mast/db';
import { recordAudit, recordViewTellingLeads } from '@mast/db';
import type { AddressSummary, AlertRules, SharingAgreement } from '@mast/shared';
import { alertsForViewer } from '../alerts/alert-view.ts';
import { currentAlertRules } from '../alerts/rules-file.ts';
import { readAddressSummary, shapeAddressSummary } from '../lookup/address-summary.ts';
import { checkPurpose, keepsSomething, rulesFor } from './viewer.ts';

export interface Asker {
  session: Pick<SessionWithUser, 'userId' | 'organisationId' | 'organisationKind' | 'role'>;
  /** What the audit trail records of who asked: client address and session reference. */
  audit: { userId: number; organisationId: number; role: string; client: string; sessionRef: string };
}

/** Where a lookup reads (a caught-up replica or the primary) and where its audit is written (the primary). */
export interface LookupDbs {
  read: Db;
  write: Db;
}

export type LookupAnswer =
  | { ok: true; summary: AddressSummary }
  | { ok: false; status: 403; reason: 'no-lookups' }
  | { ok: false; status: 400; reason: 'purpose'; message: string }
  | { ok: false; status: 404; reason: 'not-found' };

export async function lookUpAddress(
  { read: readDb, write: db }: LookupDbs,
  agreement: SharingAgreement,
  asker: Asker,
  uprn: number,
  why: { purpose?: string | undefined; reference?: string | undefined },
  at: Date,
  alertRules: AlertRules = currentAlertRules(),
): Promise<LookupAnswer> {
  const { session } = asker;
  const rules = rulesFor(agreement, session);
  if (!rules) return { ok: false, status: 403, reason: 'no-lookups' };
  const purpose = checkPurpose(rules, why.purpose, why.reference);
  const subject = { uprn, subjectKind: 'address', subjectId: String(uprn), matrixVersion: agreement.version };
  if (!purpose.ok) {
    await recordAudit(db, { ...asker.audit, ...subject, action: 'lookup-refused-no-purpose' });
    return { ok: false, status: 400, reason: 'purpose', message: purpose.message };
  }
  // One statement reads the summary and any break-glass the user holds here.
  const read = await readAddressSummary(readDb, uprn, at, rules.breakGlass ? session.userId : undefined);
  const glass = read.breakGlass;
  const access = {
    purpose: purpose.purpose.code,
    reference: purpose.reference,
    agreementVersion: agreement.version,
    breakGlass: glass,
    canBreakGlass: rules.breakGlass && !glass && keepsSomething(rules),
  };
  const shaped = shapeAddressSummary(read, uprn, at, { rules: glass ? null : rules, seesSensitive: rules.sensitiveAddresses, access });
  const audit = { ...asker.audit, ...subject, purpose: access.purpose, reference: access.reference };
  if (shaped === 'hidden') {
    // Answered as an unknown address would be; the information governance officer sees the attempt.
    await recordAudit(db, { ...audit, action: 'sensitive-address-attempt' });
    return { ok: false, status: 404, reason: 'not-found' };
  }
  if (!shaped) return { ok: false, status: 404, reason: 'not-found' };
  const alerts = alertsForViewer(read.alerts, { rules: glass ? null : rules, seesSensitive: rules.sensitiveAddresses, organisationId: session.organisationId }, alertRules);
  const summary = { ...shaped.summary, alerts };
  // Information governance officers read silently; a lead team is told only of other organisations' looks.
  const notices =
    session.role === 'ig-officer'
      ? []
      : shaped.openCaseLeads.filter((l) => l.teamOrganisationId !== session.organisationId).map((l) => ({ teamId: l.teamId, uprn, personId: l.personId }));
  // Audited (and the lead teams told, in the same statement) before it is answered: a view that
  // cannot be recorded is not shown.
  await recordViewTellingLeads(db, { ...audit, action: glass ? 'view-address-break-glass' : 'view-address', detail: { ...shaped.shown, alerts: String(alerts.length) } }, notices, {
    userId: session.userId,
    organisationId: session.organisationId,
    role: session.role,
    purpose: access.purpose,
    reference: access.reference,
    breakGlass: glass,
    at,
  });
  return { ok: true, summary };
}
