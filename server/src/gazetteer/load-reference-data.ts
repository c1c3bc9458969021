// Loads the council's gazetteer extract and the partners' team lists (reference data, sent at
// onboarding and when they change; not personal data).
import { AGENCIES, GAZETTEER_COLUMNS, TEAM_COLUMNS, fields, isFeedId, parseOpeningHours } from '@mast/shared';
import { sql, type Database, type Db, type AddressInsert, countAddresses, recordGazetteerLoad, upsertAddresses, upsertTeams, type TeamInput } from '@mast/db';
import { readCsvRows } from '../feeds/csv-rows.ts';
import { openUtf8File } from '../feeds/file-guard.ts';
import { FeedFileError } from '../feeds/feed-file-error.ts';
import type { Rejection } from '../feeds/ingest.ts';
import { addressLabel } from './address-text.ts';

export interface ReferenceLoadReport {
  rows: number;
  accepted: number;
  rejected: number;
  rejections: Rejection[];
}

async function openCsv(path: string, required: readonly string[]) {
  const { header, rows } = await readCsvRows(openUtf8File(path));
  const missing = required.filter((c) => !header.includes(c));
  if (missing.length > 0) throw new FeedFileError('bad_header', `The header lacks required columns: ${missing.join(', ')}.`);
  return rows;
}

const blank = (s: string | undefined) => (s === undefined || s.trim() === '' ? null : s.trim());

export async function loadGazetteer(database: Database, path: string): Promise<ReferenceLoadReport> {
  const rows = await openCsv(path, GAZETTEER_COLUMNS.filter((c) => ['uprn', 'street', 'town', 'postcode'].includes(c)));
  const report: ReferenceLoadReport = { rows: 0, accepted: 0, rejected: 0, rejections: [] };
  await database.db.transaction(async (tx) => {
    let batch: AddressInsert[] = [];
    for await (const row of rows) {
      report.rows++;
      const c = row.cells;
      const reasons: string[] = [];
      if (!fields.uprn.safeParse(c.uprn?.trim()).success) reasons.push('uprn must be a number of up to 12 digits');
      const parent = blank(c.parent_uprn);
      if (parent !== null && !fields.uprn.safeParse(parent).success) reasons.push('parent_uprn must be a number of up to 12 digits');
      for (const k of ['street', 'town', 'postcode'] as const) if (!blank(c[k])) reasons.push(`${k} is required`);
      const lat = blank(c.latitude);
      const lon = blank(c.longitude);
      if ((lat !== null && !Number.isFinite(Number(lat))) || (lon !== null && !Number.isFinite(Number(lon)))) reasons.push('latitude and longitude must be numbers');
      if (reasons.length > 0) {
        report.rejections.push({ row: row.rowNumber, reasons });
        continue;
      }
      const parts = {
        subBuilding: blank(c.sub_building),
        buildingName: blank(c.building_name),
        buildingNumber: blank(c.building_number),
        street: blank(c.street)!,
        locality: blank(c.locality),
        town: blank(c.town)!,
        postcode: blank(c.postcode)!.toUpperCase(),
      };
      batch.push({
        uprn: Number(c.uprn),
        parentUprn: parent === null ? null : Number(parent),
        ...parts,
        latitude: lat === null ? null : Number(lat),
        longitude: lon === null ? null : Number(lon),
        label: addressLabel(parts),
      });
      if (batch.length >= 2000) {
        await upsertAddresses(tx as Db, batch);
        batch = [];
      }
    }
    await upsertAddresses(tx as Db, batch);
    await recordGazetteerLoad(tx as Db, await countAddresses(tx as Db));
  });
  // Fresh statistics for the planner (PGlite has no autovacuum to gather them).
  await database.query(sql`ANALYZE addresses`);
  report.rejected = report.rejections.length;
  report.accepted = report.rows - report.rejected;
  return report;
}

/** The reason a phone cell is refused, or null when it is a number a phone can dial. */
function phoneProblem(column: string, value: string): string | null {
  const parsed = fields.phoneNumber.safeParse(value);
  return parsed.success ? null : `${column} ${parsed.error.issues[0]?.message ?? 'is not a phone number'}`;
}

/**
 * Loads the partner team list. A row is refused, with every reason, unless its hours are in
 * mast's format (they decide which number the page offers at night) and its numbers can be
 * dialled; the out-of-hours columns are optional, so a list from before them still loads.
 */
export async function loadTeams(database: Database, path: string): Promise<ReferenceLoadReport> {
  const rows = await openCsv(path, TEAM_COLUMNS);
  const report: ReferenceLoadReport = { rows: 0, accepted: 0, rejected: 0, rejections: [] };
  const teams: TeamInput[] = [];
  for await (const row of rows) {
    report.rows++;
    const c = row.cells;
    const reasons: string[] = [];
    const feed = blank(c.feed) ?? '';
    if (!isFeedId(feed)) reasons.push('feed is not a known feed');
    if (!fields.teamCode.safeParse(blank(c.code) ?? '').success) reasons.push('code must be a team code (capitals, digits, dashes)');
    for (const k of ['name', 'phone', 'hours'] as const) if (!blank(c[k])) reasons.push(`${k} is required`);
    const phone = blank(c.phone);
    const phoneWrong = phone === null ? null : phoneProblem('phone', phone);
    if (phoneWrong) reasons.push(phoneWrong);
    const hours = blank(c.hours) === null ? null : parseOpeningHours(c.hours!);
    if (hours && !hours.ok) reasons.push(...hours.problems);
    const oohName = blank(c.out_of_hours_name);
    const oohPhone = blank(c.out_of_hours_phone);
    if ((oohName === null) !== (oohPhone === null)) reasons.push('out_of_hours_name and out_of_hours_phone must be given together, or both left blank');
    const oohPhoneWrong = oohPhone === null ? null : phoneProblem('out_of_hours_phone', oohPhone);
    if (oohPhoneWrong) reasons.push(oohPhoneWrong);
    if (reasons.length > 0 || !isFeedId(feed) || !hours?.ok) {
      report.rejections.push({ row: row.rowNumber, reasons });
      continue;
    }
    teams.push({
      organisation: AGENCIES[feed].organisation,
      organisationKind: AGENCIES[feed].organisationKind,
      feed,
      code: blank(c.code)!,
      name: blank(c.name)!,
      phone: phone!,
      // Stored as mast writes it back, so every later reader parses one spelling.
      hours: hours.hours.text,
      outOfHours: oohName !== null && oohPhone !== null ? { name: oohName, phone: oohPhone } : null,
    });
  }
  await upsertTeams(database.db, teams);
  report.rejected = report.rejections.length;
  report.accepted = report.rows - report.rejected;
  return report;
}
