// The partner teams each feed's rows name as lead team: who an officer should ring, when, and
// whom to ring when the team is closed. Phone numbers are in Ofcom's ranges reserved for drama
// (01632 960xxx, 07700 900xxx), so none can ring anyone.
import type { FeedId } from '@mast/shared';
import type { Area } from './streets.ts';

export interface Team {
  feed: FeedId;
  code: string;
  name: string;
  phone: string;
  /** In mast's hours format (shared/src/opening-hours.ts). */
  hours: string;
  outOfHours: { name: string; phone: string } | null;
}

const OFFICE = 'Mon–Fri 08:30–17:00';
const EDT = { name: 'Emergency Duty Team', phone: '01632 960999' };
const office = (feed: FeedId, code: string, name: string, phone: string): Team => ({ feed, code, name, phone, hours: OFFICE, outOfHours: EDT });
const allHours = (feed: FeedId, code: string, name: string, phone: string): Team => ({ feed, code, name, phone, hours: '24/7', outOfHours: null });

export const TEAMS: readonly Team[] = [
  allHours('police', 'POL-NORTH', 'North Neighbourhood Policing Team', '01632 960101'),
  allHours('police', 'POL-EAST', 'East Neighbourhood Policing Team', '01632 960102'),
  allHours('police', 'POL-SOUTH', 'South Neighbourhood Policing Team', '01632 960103'),
  allHours('police', 'POL-WEST', 'West Neighbourhood Policing Team', '01632 960104'),
  { feed: 'police', code: 'POL-PPU', name: 'Public Protection Unit', phone: '01632 960110', hours: 'Mon–Sun 07:00–22:00', outOfHours: { name: 'Force Control Room', phone: '01632 960100' } },
  office('council-children', 'CSC-NORTH-WEST', "Children's Safeguarding and Family Support (North and West)", '01632 960201'),
  office('council-children', 'CSC-SOUTH-EAST', "Children's Safeguarding and Family Support (South and East)", '01632 960202'),
  office('council-children', 'CSC-CIC', 'Children in Care Team', '01632 960203'),
  office('council-children', 'CSC-YJS', 'Youth Justice Service', '01632 960204'),
  { feed: 'council-children', code: 'CSC-EARLY-HELP', name: 'Early Help Hub', phone: '01632 960205', hours: 'Mon–Fri 09:00–17:00', outOfHours: null },
  office('council-adults', 'ASC-NORTH-WEST', 'Adult Social Care Locality Team (North and West)', '01632 960301'),
  office('council-adults', 'ASC-SOUTH-EAST', 'Adult Social Care Locality Team (South and East)', '01632 960302'),
  office('council-adults', 'ASC-MH', 'Community Mental Health Team', '01632 960303'),
  office('council-adults', 'ASC-LD', 'Learning Disability Team', '01632 960304'),
  office('council-adults', 'ASC-SAFEGUARDING', 'Adult Safeguarding Team', '01632 960305'),
  allHours('nhs', 'ED-SAFEGUARDING', 'Emergency Department Safeguarding Team', '07700 900401'),
  { feed: 'nhs', code: 'ED-PAEDS', name: 'Paediatric Emergency Department Safeguarding Nurse', phone: '07700 900402', hours: 'Mon–Fri 08:00–20:00', outOfHours: { name: 'Hospital Switchboard', phone: '01632 960400' } },
  allHours('nhs', 'ED-PSYCH-LIAISON', 'Mental Health Liaison Team', '07700 900403'),
  { feed: 'fire', code: 'FRS-PREVENTION', name: 'Community Fire Safety and Prevention Team', phone: '01632 960501', hours: 'Mon–Fri 09:00–17:00', outOfHours: null },
  allHours('fire', 'FRS-NORTH-WEST', 'Mastbury North and West Fire Station', '01632 960502'),
  allHours('fire', 'FRS-SOUTH-EAST', 'Mastbury South and East Fire Station', '01632 960503'),
];

const half = (area: Area, nw: string, se: string) => (area === 'north' || area === 'west' ? nw : se);

/** The team a partner system would record as lead for a contact. */
export function leadTeamFor(feed: FeedId, category: string, area: Area, age: number | null): string {
  switch (feed) {
    case 'police':
      if (['domestic-abuse', 'child-concern', 'missing-person'].includes(category)) return 'POL-PPU';
      return `POL-${area.toUpperCase()}`;
    case 'council-children':
      if (category === 'looked-after') return 'CSC-CIC';
      if (category === 'youth-justice') return 'CSC-YJS';
      if (category === 'early-help') return 'CSC-EARLY-HELP';
      return half(area, 'CSC-NORTH-WEST', 'CSC-SOUTH-EAST');
    case 'council-adults':
      if (category === 'mental-health' || category === 'substance-misuse') return 'ASC-MH';
      if (category === 'learning-disability') return 'ASC-LD';
      if (category === 'safeguarding-enquiry' || category === 'domestic-abuse') return 'ASC-SAFEGUARDING';
      return half(area, 'ASC-NORTH-WEST', 'ASC-SOUTH-EAST');
    case 'nhs':
      if (age !== null && age < 18) return 'ED-PAEDS';
      if (['self-harm', 'overdose', 'mental-health'].includes(category)) return 'ED-PSYCH-LIAISON';
      return 'ED-SAFEGUARDING';
    case 'fire':
      if (category === 'hoarding' || category === 'home-fire-safety-visit') return 'FRS-PREVENTION';
      return half(area, 'FRS-NORTH-WEST', 'FRS-SOUTH-EAST');
  }
}
