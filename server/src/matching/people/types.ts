// The shapes the person matcher trades in.

export interface PersonRecord {
  id: string;
  givenName: string;
  familyName: string;
  /** YYYY-MM-DD (YYYYMMDD is accepted too); '' when unknown. */
  dateOfBirth: string;
  sex?: string;
  postcode?: string;
  uprn?: string;
  /** House number and street as the partner typed them ("8 Stanley St", "Flat 2, 10 High
   * Street"): says "same address" where no UPRN could be matched, and survives a postcode typo. */
  street?: string;
  /** NHS number, or another person identifier when the model says identifiers are not NHS numbers. */
  nhsNumber?: string;
}

export type Band = 'linked' | 'possible' | 'not-linked';
