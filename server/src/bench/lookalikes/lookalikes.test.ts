// What the look-alike benchmark relies on from its generator: the same file for the same seed,
// another for another seed, every hard case present in numbers worth scoring, and records the
// way partner feeds send them (valid NHS numbers, empty dates where a date is missing).
import { describe, expect, it } from 'vitest';
import { isValidNhsNumber } from '../../matching/people/normalise.ts';
import { generateLookalikes, lookalikesCsv } from './generate.ts';
import { CASES } from './population.ts';
import { LOOKALIKE_COLUMNS } from './records.ts';

const rows = generateLookalikes(1, 3000);

describe('lookalikes generator', () => {
  it('writes the same file for the same seed, and another for another seed', () => {
    expect(lookalikesCsv(generateLookalikes(1, 3000))).toBe(lookalikesCsv(rows));
    expect(lookalikesCsv(generateLookalikes(2, 3000))).not.toBe(lookalikesCsv(rows));
  });

  it('writes mast’s own columns, a header line and one line per record', () => {
    const csv = lookalikesCsv(rows);
    expect(csv.split('\r\n')[0]).toBe(LOOKALIKE_COLUMNS.join(','));
    expect(csv.trimEnd().split('\r\n')).toHaveLength(rows.length + 1);
    expect(new Set(rows.map((r) => r.record_id)).size).toBe(rows.length);
  });

  it('holds about two records a person, most of them clean', () => {
    const people = new Set(rows.map((r) => r.true_person_id)).size;
    expect(people).toBeGreaterThanOrEqual(3000);
    expect(rows.length / people).toBeGreaterThan(1.8);
    expect(rows.length / people).toBeLessThan(2.8);
    expect(rows.filter((r) => r.case === '').length / rows.length).toBeGreaterThan(0.45);
  });

  it('puts every hard case in, each in meaningful numbers', () => {
    for (const c of CASES) {
      const n = rows.filter((r) => r.case.split('+').includes(c)).length;
      expect(n, c).toBeGreaterThanOrEqual(40);
    }
  });

  it('makes twins share family name, birthday and home but not the given name', () => {
    const twins = rows.filter((r) => r.case.includes('twins') && !r.case.includes('typo') && !r.case.includes('wrong-fields') && !r.case.includes('missing-dob') && !r.case.includes('swapped-dob') && !r.case.includes('nickname') && !r.case.includes('moved'));
    const byHome = new Map<string, Set<string>>();
    for (const r of twins) {
      const key = `${r.family_name}|${r.date_of_birth}|${r.postcode}`;
      byHome.set(key, (byHome.get(key) ?? new Set()).add(`${r.true_person_id}:${r.given_name}`));
    }
    const pairs = [...byHome.values()].filter((s) => new Set([...s].map((x) => x.split(':')[0])).size === 2);
    expect(pairs.length).toBeGreaterThan(5);
    for (const s of pairs) expect(new Set([...s].map((x) => x.split(':')[1])).size).toBeGreaterThan(1);
  });

  it('gives a namesake parent and child one name at one home, a generation apart, some with Jr or Sr', () => {
    const namesakes = rows.filter((r) => r.case.includes('namesake'));
    expect(namesakes.some((r) => /\b(Jr|Jnr|Junior)$/.test(r.given_name) || /\b(Jr|Jnr|Junior)$/.test(r.family_name))).toBe(true);
    expect(namesakes.some((r) => /\b(Sr|Snr|Senior)$/.test(r.given_name) || /\b(Sr|Snr|Senior)$/.test(r.family_name))).toBe(true);
  });

  it('repeats a very common name many times in one postcode', () => {
    const counts = new Map<string, Set<string>>();
    for (const r of rows.filter((x) => x.case.includes('common-name'))) {
      const key = `${r.given_name} ${r.family_name} ${r.postcode}`;
      counts.set(key, (counts.get(key) ?? new Set()).add(r.true_person_id));
    }
    expect(Math.max(...[...counts.values()].map((s) => s.size))).toBeGreaterThanOrEqual(4);
  });

  it('sends a missing date of birth empty, and only valid NHS numbers, only from some feeds', () => {
    expect(rows.filter((r) => r.case.includes('missing-dob')).every((r) => r.date_of_birth === '')).toBe(true);
    expect(rows.filter((r) => !r.case.includes('missing-dob')).every((r) => /^\d{4}-\d\d-\d\d$/.test(r.date_of_birth))).toBe(true);
    const withNhs = rows.filter((r) => r.nhs_number !== '');
    expect(withNhs.every((r) => isValidNhsNumber(r.nhs_number))).toBe(true);
    expect(new Set(withNhs.map((r) => r.source))).toEqual(new Set(['health', 'council', 'social-care']));
  });

  it('keeps the married woman’s maiden name on some records and her married name on others', () => {
    const byPerson = new Map<string, Set<string>>();
    for (const r of rows.filter((x) => x.case.includes('married') && !x.case.includes('wrong-fields') && !x.case.includes('typo'))) {
      byPerson.set(r.true_person_id, (byPerson.get(r.true_person_id) ?? new Set()).add(r.family_name));
    }
    expect([...byPerson.values()].filter((s) => s.size > 1).length).toBeGreaterThan(20);
  });
});
