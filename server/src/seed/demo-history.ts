// The demo borough's history before its live year, written straight into the pseudonymised trend
// copy as retention would have left it: months and postcode districts only, people and addresses
// keyed with the secret the retention job uses, rows in a random order. Runs after the live
// ingest, for the keys of people: a person id is what linking gives a person's records, known
// only once the live feeds are in (see personKeys below).
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { insertTrendAlerts, insertTrendInvolvements, pseudonymKey, sql, type Database, type Db, type TrendAlertRow, type TrendInvolvementRow } from '@mast/db';
import { HISTORY_ALERT_COLUMNS, HISTORY_INVOLVEMENT_COLUMNS, type GenerateResult } from '../demo/generate.ts';
import { readCsvRows } from '../feeds/csv-rows.ts';

/** The generator's history files carry no quoted values: plain lines of plain cells, header first. */
async function readPlainCsv(path: string, columns: readonly string[]): Promise<Record<string, string>[]> {
  const lines = (await readFile(path, 'utf8')).split(/\r?\n/).filter((l) => l !== '');
  const header = lines.shift()!.split(',');
  if (header.join() !== columns.join()) throw new Error(`${path}: not the header the generator writes`);
  return lines.map((line) => {
    const cells = line.split(',');
    if (cells.length !== header.length || line.includes('"')) throw new Error(`${path}: a line not as the generator writes them`);
    return Object.fromEntries(header.map((h, i) => [h, cells[i]!]));
  });
}

/**
 * The key of each of the generator's people. Someone the live feeds also name is keyed by the id
 * linking gave them ("person:" + id, as retention keys them), so their history and the rows
 * retention moves later are one pseudonym; the id most of their live rows carry, should linking
 * have split them. Someone the live year never saw has no id and never will (their rows in
 * the generator end here), so they are keyed by the generator's own id under a prefix of its own
 * ("demo-person:"), which no retention key can equal.
 */
async function personKeys(database: Database, truthPath: string, secret: Uint8Array): Promise<(truePersonId: string) => string> {
  const trueBySource = new Map<string, string>();
  // (The truth file holds the source ids of rows made invalid on purpose: read it as a CSV.)
  for await (const { cells: t } of (await readCsvRows(createReadStream(truthPath))).rows) {
    if (t.true_person_id) trueBySource.set(`${t.feed}\t${t.source_id}`, t.true_person_id);
  }
  const votes = new Map<string, Map<string, number>>();
  const live = await database.query<{ feed: string; source_id: string; person_id: string }>(
    sql`SELECT feed, source_id, person_id::text AS person_id FROM involvements WHERE person_id IS NOT NULL`,
  );
  for (const r of live) {
    const truth = trueBySource.get(`${r.feed}\t${r.source_id}`);
    if (!truth) continue;
    let v = votes.get(truth);
    if (!v) votes.set(truth, (v = new Map()));
    v.set(r.person_id, (v.get(r.person_id) ?? 0) + 1);
  }
  const keys = new Map<string, string>();
  return (truePersonId) => {
    let key = keys.get(truePersonId);
    if (key === undefined) {
      const v = votes.get(truePersonId);
      const id = v ? [...v.entries()].sort((a, b) => b[1] - a[1] || Number(a[0]) - Number(b[0]))[0]![0] : null;
      key = pseudonymKey(secret, id !== null ? `person:${id}` : `demo-person:${truePersonId}`);
      keys.set(truePersonId, key);
    }
    return key;
  };
}

function shuffle<T>(list: T[]): T[] {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list;
}

export async function loadDemoHistory(
  database: Database,
  opts: { files: GenerateResult['files']; secret: Uint8Array },
): Promise<{ involvements: number; alerts: number }> {
  const involvementRows = await readPlainCsv(opts.files.history.involvements, HISTORY_INVOLVEMENT_COLUMNS);
  const alertRows = await readPlainCsv(opts.files.history.alerts, HISTORY_ALERT_COLUMNS);
  if (involvementRows.length === 0 && alertRows.length === 0) return { involvements: 0, alerts: 0 };
  const personKey = await personKeys(database, opts.files.truth, opts.secret);
  const addressKeys = new Map<string, string>();
  const addressKey = (uprn: string) => {
    let key = addressKeys.get(uprn);
    if (key === undefined) addressKeys.set(uprn, (key = pseudonymKey(opts.secret, `uprn:${uprn}`)));
    return key;
  };
  const or = (s: string | undefined) => (s ? s : null);

  const involvements: TrendInvolvementRow[] = involvementRows.map((r) => ({
    feed: r.feed!,
    category: r.category!,
    month: r.month!,
    lastMonth: r.last_month!,
    postcodeDistrict: or(r.postcode_district),
    personKey: r.true_person_id ? personKey(r.true_person_id) : null,
    addressKey: r.true_uprn ? addressKey(r.true_uprn) : null,
    // Only cases that closed before the live year are history: retention copies no open case.
    wasOpen: false,
    attendance: or(r.attendance),
  }));
  const alerts: TrendAlertRow[] = alertRows.map((r) => ({
    rule: r.rule!,
    subjectKind: r.subject_kind as 'address' | 'person',
    leadFeed: r.lead_feed!,
    agencies: r.agencies!.split('|'),
    raisedMonth: r.raised_month!,
    lastMonth: r.last_month!,
    hoursToAcknowledge: r.hours_to_acknowledge ? Number(r.hours_to_acknowledge) : null,
    closedMonth: or(r.closed_month),
    closedReason: or(r.closed_reason),
    postcodeDistrict: or(r.postcode_district),
    ageBand: or(r.age_band),
    sex: or(r.sex),
    personKey: r.subject_kind === 'person' && r.true_person_id ? personKey(r.true_person_id) : null,
    addressKey: r.true_uprn ? addressKey(r.true_uprn) : null,
  }));

  return database.db.transaction(async (tx) => ({
    involvements: await insertTrendInvolvements(tx as unknown as Db, shuffle(involvements)),
    alerts: await insertTrendAlerts(tx as unknown as Db, shuffle(alerts)),
  }));
}
