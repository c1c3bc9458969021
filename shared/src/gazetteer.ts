// The address gazetteer file format (the council's local land and property gazetteer extract).
// Parent UPRNs tie flats to their building.
export const GAZETTEER_COLUMNS = [
  'uprn',
  'parent_uprn',
  'sub_building',
  'building_name',
  'building_number',
  'street',
  'locality',
  'town',
  'postcode',
  'latitude',
  'longitude',
] as const;

export const TEAM_COLUMNS = ['feed', 'code', 'name', 'phone', 'hours'] as const;
