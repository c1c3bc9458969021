// The partner teams each feed's rows name as lead team: who an officer should ring. Phone numbers
// are in Ofcom's ranges reserved for drama (01632 960xxx, 07700 900xxx), so none can ring anyone.
import type { FeedId } from '@mast/shared';
import type { Area } from './streets.ts';

export interface Team {
  feed: FeedId;
  code: string;
  name: string;
  phone: string;
  hours: string;
}

const OFFICE = (edt: string) => `Mon–Fri 08:30–17:00; out of hours via the emergency duty team ${edt}`;
const EDT = '01632 960999';

export const TEAMS: readonly Team[] = [
  { feed: 'police', code: 'POL-NORTH', name: 'North Neighbourhood Policing Team', phone: '01632 960101', hours: '24/7' },
  { feed: 'police', code: 'POL-EAST', name: 'East Neighbourhood Policing Team', phone: '01632 960102', hours: '24/7' },
  { feed: 'police', code: 'POL-SOUTH', name: 'South Neighbourhood Policing Team', phone: '01632 960103', hours: '24/7' },
  { feed: 'police', code: 'POL-WEST', name: 'West Neighbourhood Policing Team', phone: '01632 960104', hours: '24/7' },
  { feed: 'police', code: 'POL-PPU', name: 'Public Protection Unit', phone: '01632 960110', hours: 'Mon–Sun 07:00–22:00; otherwise via the force control room 01632 960100' },
  { feed: 'council-children', code: 'CSC-NORTH-WEST', name: "Children's Safeguarding and Family Support (North and West)", phone: '01632 960201', hours: OFFICE(EDT) },
  { feed: 'council-children', code: 'CSC-SOUTH-EAST', name: "Children's Safeguarding and Family Support (South and East)", phone: '01632 960202', hours: OFFICE(EDT) },
  { feed: 'council-children', code: 'CSC-CIC', name: 'Children in Care Team', phone: '01632 960203', hours: OFFICE(EDT) },
  { feed: 'council-children', code: 'CSC-YJS', name: 'Youth Justice Service', phone: '01632 960204', hours: OFFICE(EDT) },
  { feed: 'council-children', code: 'CSC-EARLY-HELP', name: 'Early Help Hub', phone: '01632 960205', hours: 'Mon–Fri 09:00–17:00' },
  { feed: 'council-adults', code: 'ASC-NORTH-WEST', name: 'Adult Social Care Locality Team (North and West)', phone: '01632 960301', hours: OFFICE(EDT) },
  { feed: 'council-adults', code: 'ASC-SOUTH-EAST', name: 'Adult Social Care Locality Team (South and East)', phone: '01632 960302', hours: OFFICE(EDT) },
  { feed: 'council-adults', code: 'ASC-MH', name: 'Community Mental Health Team', phone: '01632 960303', hours: OFFICE(EDT) },
  { feed: 'council-adults', code: 'ASC-LD', name: 'Learning Disability Team', phone: '01632 960304', hours: OFFICE(EDT) },
  { feed: 'council-adults', code: 'ASC-SAFEGUARDING', name: 'Adult Safeguarding Team', phone: '01632 960305', hours: OFFICE(EDT) },
  { feed: 'nhs', code: 'ED-SAFEGUARDING', name: 'Emergency Department Safeguarding Team', phone: '07700 900401', hours: '24/7' },
  { feed: 'nhs', code: 'ED-PAEDS', name: 'Paediatric Emergency Department Safeguarding Nurse', phone: '07700 900402', hours: 'Mon–Fri 08:00–20:00; otherwise via the hospital switchboard 01632 960400' },
  { feed: 'nhs', code: 'ED-PSYCH-LIAISON', name: 'Mental Health Liaison Team', phone: '07700 900403', hours: '24/7' },
  { feed: 'fire', code: 'FRS-PREVENTION', name: 'Community Fire Safety and Prevention Team', phone: '01632 960501', hours: 'Mon–Fri 09:00–17:00' },
  { feed: 'fire', code: 'FRS-NORTH-WEST', name: 'Mastbury North and West Fire Station', phone: '01632 960502', hours: '24/7' },
  { feed: 'fire', code: 'FRS-SOUTH-EAST', name: 'Mastbury South and East Fire Station', phone: '01632 960503', hours: '24/7' },
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
