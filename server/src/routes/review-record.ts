// One person record as a data steward sees it: names, date of birth, sex, agency, matched
// address; whether an NHS number is held, never the number.
import { AGENCIES, isFeedId, type ReviewRecord } from '@mast/shared';

export interface StoredRecordView {
  id: number;
  feed: string;
  given_name: string;
  family_name: string;
  date_of_birth: string;
  sex: string | null;
  has_nhs_number: boolean;
  address: string | null;
  postcode: string | null;
}

export function reviewRecordOf(r: StoredRecordView): ReviewRecord {
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
