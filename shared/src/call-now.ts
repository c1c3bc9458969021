// Whom to call now: of a team's own line and its out-of-hours line, the one answered at this
// moment, and the words beside each ("Open until 17:00", "Closed now: opens 08:30 Monday").
// Worked out on the phone against the phone's clock in UK time (see opening-hours.ts), so a
// result fetched at 16:55 and read at 01:09 offers the night's number. Imports no zod (only a
// type from api.ts), so the PWA may use it.
import type { Contact } from './api.ts';
import { describeWeekMinute, openStateAt, parseOpeningHours } from './opening-hours.ts';

/**
 * open: the team's line is answered now; out-of-hours: it is not, and its out-of-hours line is
 * the one to call; closed: it is not and names no other line; hours-unknown: its hours are not
 * in mast's format (a team list loaded before hours were data), so mast cannot tell.
 */
export type LineState = 'open' | 'out-of-hours' | 'closed' | 'hours-unknown';

export interface PhoneLine {
  /** Who answers: the team, or its out-of-hours service. */
  name: string;
  phone: string;
  /** What a person reads beside the number: when it is answered. */
  note: string;
}

export interface CallNow {
  state: LineState;
  /** The big button: the line to call at this moment. */
  call: PhoneLine;
  /** The other line, if any, still shown and still tappable. */
  other: PhoneLine | null;
}

/** When the team's own line is answered, relative to `now`: "Open until 17:00", "Closed now: opens 08:30 Monday". */
function teamNote(hours: string, now: Date): { open: boolean | null; note: string } {
  const parsed = parseOpeningHours(hours);
  if (!parsed.ok) return { open: null, note: hours };
  const state = openStateAt(parsed.hours, now);
  if (state.open) return { open: true, note: state.always ? 'Open 24 hours' : `Open until ${describeWeekMinute(state.until, state.days)}` };
  if (state.opens === null) return { open: false, note: 'Closed now' };
  return { open: false, note: `Closed now: opens ${describeWeekMinute(state.opens, state.days)}` };
}

export function callNow(contact: Contact, now: Date): CallNow {
  const { open, note } = teamNote(contact.hours, now);
  const team: PhoneLine = { name: contact.team, phone: contact.phone, note };
  const ooh = contact.outOfHours;
  if (open === null) {
    return { state: 'hours-unknown', call: team, other: ooh ? { ...ooh, note: 'Out of hours' } : null };
  }
  if (open) return { state: 'open', call: team, other: ooh ? { ...ooh, note: 'When the team is closed' } : null };
  if (!ooh) return { state: 'closed', call: team, other: null };
  return { state: 'out-of-hours', call: { ...ooh, note: 'Out of hours: the team is closed now' }, other: team };
}
