// One person record as a data steward sees it: names, date of birth, sex, agency, matched
// address; whether an NHS number is held, never the number.
import { AGENCIES, isFeedId, type ReviewRecord } from '@mast/shared';
import type { ReviewSideRow } from '@mast/db';

export function reviewRecordOf(r: ReviewSideRow): ReviewRecord {
  const agency = isFeedId(r.feed) ? r.feed : 'police';
  return {
    recordId: String(r.id),
    agency,
    agencyName: AGENCIES[agency].name,
    givenName: r.given_name,
    familyName: r.family_name,
    dateOfBirth: r.date_of_birth,
    sex: r.sex,
    address: r.address,
    postcode: r.postcode,
    hasNhsNumber: r.has_nhs_number,
  };
}
