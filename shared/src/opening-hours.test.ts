import { describe, expect, it } from 'vitest';
import { describeWeekMinute, openStateAt, parseOpeningHours, type OpeningHours } from './opening-hours.ts';

function hours(text: string): OpeningHours {
  const parsed = parseOpeningHours(text);
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  return parsed.hours;
}

function openingHoursProblems(text: string): string[] {
  const parsed = parseOpeningHours(text);
  return parsed.ok ? [] : parsed.problems;
}

/** What a person reads for the team's line at an instant. */
function reads(text: string, iso: string): string {
  const state = openStateAt(hours(text), new Date(iso));
  if (state.open) return state.always ? 'open always' : `open until ${describeWeekMinute(state.until, state.days)}`;
  return state.opens === null ? 'never open' : `opens ${describeWeekMinute(state.opens, state.days)}`;
}

const OFFICE = 'Mon–Fri 08:30–17:00';

describe('parseOpeningHours', () => {
  it('reads 24/7 and days with times, written back with en dashes whatever dashes came', () => {
    expect(hours('24/7').text).toBe('24/7');
    expect(hours(' mon-fri 8:30 - 17:00 ').text).toBe('Mon–Fri 08:30–17:00');
    expect(hours('Monday–Friday 08:30–17:00; Saturday 09:00–13:00').text).toBe('Mon–Fri 08:30–17:00; Sat 09:00–13:00');
    expect(hours('Mon, Wed 09:00–12:30, 13:30–17:00').text).toBe('Mon, Wed 09:00–12:30, 13:30–17:00');
    expect(hours('Sat–Mon 10:00–16:00').text).toBe('Mon, Sat, Sun 10:00–16:00');
    expect(hours('Mon–Sun 00:00–24:00').text).toBe('24/7');
  });

  it('writes what it read so that it reads the same again', () => {
    for (const text of ['Mon–Fri 08:30–17:00', 'Mon, Wed 09:00–12:30, 13:30–17:00', 'Fri–Sun 20:00–02:00', 'Sat–Mon 10:00–16:00']) {
      const once = hours(text);
      expect(hours(once.text)).toEqual(once);
    }
  });

  it.each([
    ['', /hours must be "24\/7", or days and times/],
    ['Mon–Fri 8.30–5pm', /times must be a range such as 08:30–17:00/],
    ['Mon–Fri 08:30–25:00', /times must be a range/],
    ['Mon–Fri 24:00–08:00', /times must be a range/],
    ['Mon–Fri 09:00–09:00', /must not start and end at the same time/],
    ['Mon–Fry 08:30–17:00', /days must be day names/],
    ['08:30–17:00', /must be days then times/],
    ['weekdays', /must be days then times/],
  ])('refuses %j with a reason', (text, reason) => {
    const problems = openingHoursProblems(text);
    expect(problems.join('; ')).toMatch(reason);
  });

  it('names the part that is wrong, and says where the out-of-hours line goes when the old free text is sent', () => {
    const problems = openingHoursProblems('Mon–Fri 08:30–17:00; out of hours via the emergency duty team 01632 960999');
    expect(problems[0]).toMatch(/^hours, part 2 of 2/);
    expect(problems.join('; ')).toMatch(/out_of_hours_name and out_of_hours_phone/);
    expect(openingHoursProblems(OFFICE)).toEqual([]);
  });
});

describe('openStateAt (UK time)', () => {
  it('an office team at night, at the weekend and on the minute it closes', () => {
    expect(reads(OFFICE, '2026-11-24T01:09:00Z')).toBe('opens 08:30'); // Tuesday 01:09 GMT
    expect(reads(OFFICE, '2026-11-24T10:00:00Z')).toBe('open until 17:00');
    expect(reads(OFFICE, '2026-11-24T08:30:00Z')).toBe('open until 17:00');
    expect(reads(OFFICE, '2026-11-24T16:59:00Z')).toBe('open until 17:00');
    expect(reads(OFFICE, '2026-11-24T17:00:00Z')).toBe('opens 08:30 tomorrow');
    expect(reads(OFFICE, '2026-11-27T18:00:00Z')).toBe('opens 08:30 Monday'); // Friday evening
    expect(reads(OFFICE, '2026-11-28T10:00:00Z')).toBe('opens 08:30 Monday'); // Saturday
    expect(reads(OFFICE, '2026-11-29T23:59:00Z')).toBe('opens 08:30 tomorrow'); // Sunday night
  });

  it('reads UK wall-clock time across the spring clock change (BST from 01:00 UTC, 29 March 2026)', () => {
    // The same UTC instant, a week apart: 07:45 GMT before the change, 08:45 BST after it.
    expect(reads(OFFICE, '2026-03-23T07:45:00Z')).toBe('opens 08:30');
    expect(reads(OFFICE, '2026-03-30T07:45:00Z')).toBe('open until 17:00');
    // 16:30 UTC is 17:30 BST: closed, though the UTC clock says half past four.
    expect(reads(OFFICE, '2026-03-30T16:30:00Z')).toBe('opens 08:30 tomorrow');
    expect(reads(OFFICE, '2026-03-30T15:59:00Z')).toBe('open until 17:00');
    // Saturday night into the change: a line open Sat–Sun 20:00–03:00 closes at 03:00 BST, 02:00 UTC.
    expect(reads('Sat 20:00–03:00', '2026-03-29T00:30:00Z')).toBe('open until 03:00');
    expect(reads('Sat 20:00–03:00', '2026-03-29T01:30:00Z')).toBe('open until 03:00'); // 02:30 BST
    expect(reads('Sat 20:00–03:00', '2026-03-29T02:00:00Z')).toBe('opens 20:00 Saturday'); // 03:00 BST
  });

  it('reads UK wall-clock time across the autumn clock change (GMT from 01:00 UTC, 25 October 2026)', () => {
    expect(reads(OFFICE, '2026-10-23T16:30:00Z')).toBe('opens 08:30 Monday'); // Friday 17:30 BST
    expect(reads(OFFICE, '2026-10-30T16:30:00Z')).toBe('open until 17:00'); // Friday 16:30 GMT
    expect(reads(OFFICE, '2026-10-26T08:15:00Z')).toBe('opens 08:30'); // Monday 08:15 GMT
    expect(reads(OFFICE, '2026-10-19T08:15:00Z')).toBe('open until 17:00'); // Monday 09:15 BST
  });

  it('a line open past midnight, and round the end of the week into Monday', () => {
    const nights = 'Fri–Sun 20:00–02:00';
    expect(reads(nights, '2026-11-28T01:00:00Z')).toBe('open until 02:00'); // Saturday 01:00
    expect(reads(nights, '2026-11-29T21:00:00Z')).toBe('open until 02:00 tomorrow'); // Sunday 21:00
    expect(reads(nights, '2026-11-30T01:00:00Z')).toBe('open until 02:00'); // Monday 01:00
    expect(reads(nights, '2026-11-30T03:00:00Z')).toBe('opens 20:00 Friday');
    // An emergency duty team's week: evenings, nights and weekends, through Sunday midnight into Monday.
    const duty = 'Mon–Fri 00:00–08:30, 17:00–24:00; Sat, Sun 00:00–24:00';
    expect(reads(duty, '2026-11-27T18:00:00Z')).toBe('open until 08:30 Monday');
    expect(reads(duty, '2026-11-30T01:09:00Z')).toBe('open until 08:30');
    expect(reads(duty, '2026-11-30T12:00:00Z')).toBe('opens 17:00');
  });

  it('24/7, midnight, and a team open one day a week', () => {
    expect(reads('24/7', '2026-11-24T01:09:00Z')).toBe('open always');
    expect(reads('Mon–Sun 07:00–24:00', '2026-11-24T23:00:00Z')).toBe('open until midnight');
    expect(reads('Mon–Sun 07:00–24:00', '2026-11-24T06:00:00Z')).toBe('opens 07:00');
    expect(reads('Mon 09:00–12:00', '2026-11-23T13:00:00Z')).toBe('opens 09:00 next Monday');
    expect(reads('Mon 09:00–12:00', '2026-11-23T08:00:00Z')).toBe('opens 09:00');
    expect(reads('Mon 09:00–12:00', '2026-11-25T08:00:00Z')).toBe('opens 09:00 Monday');
  });
});
