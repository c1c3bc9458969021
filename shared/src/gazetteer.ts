// Reference data file formats: the address gazetteer (the council's local land and property
// gazetteer extract) and the partner team list.
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

/** The partner team list: every row names a team a feed's `lead_team` may point to. */
export const TEAM_COLUMNS = ['feed', 'code', 'name', 'phone', 'hours'] as const;
/** Optional columns (older files without them still load): whom to call when the team is closed, both or neither. */
export const TEAM_OPTIONAL_COLUMNS = ['out_of_hours_name', 'out_of_hours_phone'] as const;

/** What each team column holds, for the partners' documentation (docs/feed-contracts.md). */
export const TEAM_COLUMN_DESCRIPTIONS: Record<(typeof TEAM_COLUMNS)[number] | (typeof TEAM_OPTIONAL_COLUMNS)[number], string> = {
  feed: 'the feed whose rows name this team (`police`, `council-adults`, ...)',
  code: 'the code your feed rows put in `lead_team`: capitals, digits, dashes',
  name: 'the team as a professional should hear it named on the phone',
  phone: 'the team\'s own line: a number a phone can dial (3 to 15 digits; spaces, dashes, brackets and a leading + allowed)',
  hours: 'when that line is answered, in UK time: `24/7`, or days (`Mon` to `Sun`, full names too) and times (`HH:MM`, 24-hour clock, up to `24:00`) such as `Mon–Fri 08:30–17:00`; parts separated by `;` (`Mon–Fri 08:30–17:00; Sat 09:00–13:00`), lists by `,` (`Mon, Wed 09:00–12:30, 13:30–17:00`); a range that ends at or before its start runs past midnight (`Fri–Sun 20:00–02:00`); a hyphen may stand for the dash',
  out_of_hours_name: 'whom to call when the team\'s line is closed, such as `Emergency Duty Team`; blank if no one (then give no out_of_hours_phone either)',
  out_of_hours_phone: 'that line\'s number, as for `phone`; mast offers it whenever the team\'s `hours` say it is closed',
};
