// A person searched for and a person's page, by one signed-in user, as the sharing agreement
// allows. Searching needs the agreement's leave to find people (by NHS number only where it says
// so) and a purpose; the page needs a purpose too. Both are audited before they are answered: a
// search records which people it showed (by id, never the name typed), a view what was shown, and
// the teams leading an open case on the person are told, as for an address.
import { findPersonCandidates, getPersonPageRows, getPersonSightings, recordAudit, recordViewTellingLeads, type CandidateRecord, type Db, type PersonSightings } from '@mast/db';
import type { AlertRules, PersonMatch, PersonPage, PersonSearchResponse, SharingAgreement, ViewerRules } from '@mast/shared';
import { alertsForViewer } from '../alerts/alert-view.ts';
import { currentAlertRules } from '../alerts/rules-file.ts';
import { sharedOf, twelveMonthsBefore } from '../lookup/address-summary.ts';
import { scoreCandidates, type PersonProbe } from '../lookup/person-match.ts';
import { otherNamesOf, shapePersonPage } from '../lookup/person-page.ts';
import { isValidNhsNumber, normaliseName } from '../matching/people/normalise.ts';
import { nameVariants } from '../matching/people/nicknames.ts';
import type { LinkageModel } from '../matching/people/model.ts';
import type { Asker, LookupDbs } from './address-lookup.ts';
import { checkPurpose, rulesFor } from './viewer.ts';
import type { FeedId } from '@mast/shared';

export type PersonSearchAnswer =
  | { ok: true; response: PersonSearchResponse }
  | { ok: false; status: 403; reason: 'no-search' | 'no-nhs-number'; message?: undefined }
  | { ok: false; status: 400; reason: 'purpose' | 'nhs-number'; message: string };

export interface PersonSearchAsk extends PersonProbe {
  purpose: string;
  reference?: string | undefined;
}

/** At most this many people in one answer: a search is for one person, not a list to browse. */
export const MAX_RESULTS = 10;

/** The day with day and month swapped, when that is a real date too. */
function swappedDay(iso: string): string | null {
  const [y, m, d] = iso.split('-');
  if (!y || !m || !d || m === d) return null;
  const swapped = `${y}-${d}-${m}`;
  const t = Date.parse(`${swapped}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().startsWith(swapped) ? swapped : null;
}

/** Where a person is known, as the viewer may see: whether the agreement lets them know of at
 * least one of the person's involvements at a place they may find (or at no matched place), and
 * up to three such places. */
function seenPlaces(p: PersonSightings, rules: ViewerRules): { any: boolean; places: PersonMatch['knownAt'] } {
  let any = false;
  const places: PersonMatch['knownAt'] = [];
  for (const s of p.sightings) {
    if (s.sensitive && !rules.sensitiveAddresses) continue;
    if ((rules.levels[s.feed as FeedId]?.[s.category] ?? 'hidden') === 'hidden') continue;
    any = true;
    if (s.uprn !== null && s.label && !places.some((x) => x.uprn === String(s.uprn)) && places.length < 3) {
      places.push({ uprn: String(s.uprn), label: s.label, postcode: s.postcode ?? '' });
    }
  }
  return { any, places };
}

/** The best-scored people read further: enough that those the viewer may not know of can drop out. */
const READ_FURTHER = 3 * MAX_RESULTS;

export async function searchPeople({ read: readDb, write: db }: LookupDbs, agreement: SharingAgreement, asker: Asker, ask: PersonSearchAsk, model: LinkageModel, at: Date): Promise<PersonSearchAnswer> {
  const rules = rulesFor(agreement, asker.session);
  if (!rules || rules.findPeople === 'none') return { ok: false, status: 403, reason: 'no-search' };
  const byNhs = ask.nhsNumber !== '';
  if (byNhs && rules.findPeople !== 'name-or-nhs-number') return { ok: false, status: 403, reason: 'no-nhs-number' };
  if (byNhs && !isValidNhsNumber(ask.nhsNumber)) {
    return { ok: false, status: 400, reason: 'nhs-number', message: 'That NHS number is not valid: its check digit does not match. Check it and try again.' };
  }
  const purpose = checkPurpose(rules, ask.purpose, ask.reference);
  const subject = { subjectKind: 'person-search', matrixVersion: agreement.version };
  if (!purpose.ok) {
    await recordAudit(db, { ...asker.audit, ...subject, action: 'person-search-refused-no-purpose' });
    return { ok: false, status: 400, reason: 'purpose', message: purpose.message.replace('looking this address up', 'searching for this person') };
  }
  const given = ask.givenName.trim().toLowerCase();
  const swapped = ask.dateOfBirth ? swappedDay(ask.dateOfBirth) : null;
  const records = await findPersonCandidates(readDb, {
    givenNames: given ? nameVariants(normaliseName(given)).concat(given) : [],
    familyName: ask.familyName.trim().toLowerCase(),
    givenTyped: given,
    datesOfBirth: [ask.dateOfBirth, swapped].filter((d): d is string => !!d),
    nhsNumber: byNhs ? ask.nhsNumber : null,
  });
  // A record from an agency the viewer is told nothing of is not searched by: its name would tell of it.
  const byPerson = new Map<number, CandidateRecord[]>();
  for (const r of records) {
    if (sharedOf(rules, r.feed as FeedId) === 'none') continue;
    const list = byPerson.get(r.person_id);
    if (list) list.push(r);
    else byPerson.set(r.person_id, [r]);
  }
  const ids = [...byPerson.keys()];
  const scores = scoreCandidates(model, ask, ids.map((id) => byPerson.get(id)!));
  const ranked = ids
    .map((id, i) => ({ id, score: scores[i]! }))
    .filter((x) => x.score !== null)
    .sort((a, b) => b.score!.weight - a.score!.weight || a.id - b.id)
    .slice(0, READ_FURTHER);
  const people = new Map((await getPersonSightings(readDb, ranked.map((x) => x.id), twelveMonthsBefore(at))).map((p) => [p.id, p]));
  const results: PersonMatch[] = [];
  let more = false;
  for (const { id, score } of ranked) {
    const p = people.get(id);
    if (!p) continue;
    const seen = seenPlaces(p, rules);
    if (!seen.any) continue;
    if (results.length >= MAX_RESULTS) {
      more = true;
      break;
    }
    const name = `${p.given_name} ${p.family_name}`;
    const otherNames = otherNamesOf(p.names, name, rules);
    results.push({ personId: String(id), name, dateOfBirth: p.date_of_birth, otherNames, knownAt: seen.places, strength: score!.strength, why: score!.why });
  }
  const access = { purpose: purpose.purpose.code, reference: purpose.reference, agreementVersion: agreement.version, breakGlass: false, canBreakGlass: false };
  // Which people were shown, by id: the information governance officer can answer "who looked me
  // up?" without the audit trail holding what was typed.
  await recordAudit(db, {
    ...asker.audit,
    ...subject,
    action: 'person-search',
    purpose: access.purpose,
    reference: access.reference,
    detail: { by: byNhs ? 'nhs-number' : 'name', dateOfBirthGiven: ask.dateOfBirth !== '', personIds: results.map((r) => r.personId) },
  });
  return { ok: true, response: { results, more, searchedBy: byNhs ? 'nhs-number' : 'name', access } };
}

export type PersonPageAnswer =
  | { ok: true; page: PersonPage }
  | { ok: false; status: 403; reason: 'no-lookups' }
  | { ok: false; status: 400; reason: 'purpose'; message: string }
  | { ok: false; status: 404; reason: 'not-found' };

export async function lookUpPerson(
  { read: readDb, write: db }: LookupDbs,
  agreement: SharingAgreement,
  asker: Asker,
  personId: number,
  why: { purpose?: string | undefined; reference?: string | undefined },
  at: Date,
  alertRules: AlertRules = currentAlertRules(),
): Promise<PersonPageAnswer> {
  const { session } = asker;
  const rules = rulesFor(agreement, session);
  if (!rules) return { ok: false, status: 403, reason: 'no-lookups' };
  const purpose = checkPurpose(rules, why.purpose, why.reference);
  const subject = { subjectKind: 'person', subjectId: String(personId), matrixVersion: agreement.version };
  if (!purpose.ok) {
    await recordAudit(db, { ...asker.audit, ...subject, action: 'lookup-refused-no-purpose' });
    return { ok: false, status: 400, reason: 'purpose', message: purpose.message.replace('looking this address up', 'looking this person up') };
  }
  const access = { purpose: purpose.purpose.code, reference: purpose.reference, agreementVersion: agreement.version, breakGlass: false, canBreakGlass: false };
  const read = await getPersonPageRows(readDb, personId, twelveMonthsBefore(at));
  const shaped = shapePersonPage(read, at, { rules, seesSensitive: rules.sensitiveAddresses, access });
  const audit = { ...asker.audit, ...subject, purpose: access.purpose, reference: access.reference };
  if (!shaped) {
    // Answered as an unknown person would be; the attempt is on record.
    if (read.person) await recordAudit(db, { ...audit, action: 'view-person-nothing-shared' });
    return { ok: false, status: 404, reason: 'not-found' };
  }
  const alerts = alertsForViewer(read.alerts, { rules, seesSensitive: rules.sensitiveAddresses, organisationId: session.organisationId }, alertRules);
  const notices =
    session.role === 'ig-officer'
      ? []
      : shaped.openCaseLeads
          .filter((l) => l.teamOrganisationId !== session.organisationId)
          .map((l) => ({ teamId: l.teamId, uprn: l.uprn, personId, subject: 'person' as const }));
  await recordViewTellingLeads(db, { ...audit, action: 'view-person', detail: { ...shaped.shown, alerts: String(alerts.length) } }, notices, {
    userId: session.userId,
    organisationId: session.organisationId,
    role: session.role,
    purpose: access.purpose,
    reference: access.reference,
    breakGlass: false,
    at,
  });
  return { ok: true, page: { ...shaped.page, alerts } };
}
