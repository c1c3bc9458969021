// The feed contracts: for each partner feed, its columns, which are required, and what each
// holds. One definition drives validation (zod), the docs and the upload report. A column not
// named here is never stored: the pipeline drops it and the report lists it as ignored.
import { z } from 'zod';
import type { FeedId, FeedKind } from '../agencies.ts';
import { AGENCIES } from '../agencies.ts';
import { categoryCodes } from '../code-lists.ts';
import * as f from './fields.ts';

export interface ColumnSpec {
  name: string;
  required: boolean | 'unless-uprn';
  description: string;
  schema: z.ZodType;
}

/** A feed row after validation, in the one shape the pipeline writes. */
export interface FeedRecord {
  sourceId: string;
  /** Incremental feeds: the source withdrew this record (sent in error, or erased): it leaves
   * mast. Only the id is read from such a row. */
  deleted?: true;
  contactDate: string;
  category: string;
  /** Snapshot feeds: true (every row is an open case). Incremental feeds: null. */
  open: boolean | null;
  leadTeam: string;
  uprn?: string;
  address?: string;
  postcode?: string;
  /** The partner marked the address sensitive (a refuge, a protected person's home). */
  sensitiveAddress?: true;
  /** Did-not-attend (NHS) marks an appointment missed rather than an attendance. */
  attendance?: 'attended' | 'did-not-attend';
  person?: {
    givenName: string;
    familyName: string;
    dateOfBirth: string;
    sex?: 'M' | 'F' | 'U' | 'X';
    nhsNumber?: string;
  };
}

export interface FeedContract {
  id: FeedId;
  kind: FeedKind;
  summary: string;
  idColumn: string;
  /** The column holding the row's date (contact, attendance or case opening): FeedRecord.contactDate. */
  dateColumn: string;
  columns: ColumnSpec[];
  /** Whether a row must name a person (given, family, date of birth). */
  personRequired: boolean;
  toRecord(row: Record<string, unknown>): FeedRecord;
}

const col = (name: string, required: ColumnSpec['required'], description: string, schema: z.ZodType): ColumnSpec => ({
  name,
  required,
  description,
  schema,
});

function personColumns(required: boolean): ColumnSpec[] {
  const w = (s: z.ZodType<unknown, string>) => (required ? f.required(s) : f.optional(s));
  return [
    col('given_name', required, 'Given (first) name as recorded', w(f.personName)),
    col('family_name', required, 'Family name (surname) as recorded', w(f.personName)),
    col('date_of_birth', required, 'Date of birth, YYYY-MM-DD', w(f.isoDate)),
    col('sex', false, 'M, F, U (unknown) or X (not specified)', f.optional(f.sex)),
  ];
}

const addressColumns: ColumnSpec[] = [
  col('uprn', false, 'Unique Property Reference Number, when the source system holds it', f.optional(f.uprn)),
  col('address', 'unless-uprn', 'Address as typed in the source system (one line); required when uprn is blank', f.optional(f.addressText)),
  col('postcode', false, 'Postcode as typed', f.optional(f.postcodeText)),
  col(
    'sensitive_address',
    false,
    'Y when the address must be kept from those not allowed to find it (a refuge, a protected person\'s home); blank or N otherwise',
    f.optional(f.oneOf(['Y', 'N'], 'must be Y or N')),
  ),
];

function contract(
  id: FeedId,
  summary: string,
  idColumn: string,
  dateColumn: string,
  dateDescription: string,
  personRequired: boolean,
  extra: ColumnSpec[] = [],
): FeedContract {
  const columns: ColumnSpec[] = [
    col(idColumn, true, 'The source system record id; a later row with the same id replaces this one', f.required(f.sourceId)),
    col(dateColumn, true, dateDescription, f.required(f.isoDate)),
    col('category', true, `One code from the ${id} code list`, f.required(f.codeFrom(categoryCodes(id)))),
    ...extra,
    ...personColumns(personRequired),
    ...addressColumns,
    col('lead_team', true, 'Code of the team to contact (from the partner team list)', f.required(f.teamCode)),
  ];
  const kind = AGENCIES[id].kind;
  // Snapshot feeds say "closed" by leaving a case out; incremental feeds need a way to withdraw
  // a row sent in error: the same id again with action "delete".
  if (kind === 'incremental') {
    columns.push(
      col('action', false, 'Blank or "upsert" to add or correct the row with this id; "delete" to withdraw it (then only the id is read)', f.optional(f.oneOf(['upsert', 'delete'], 'must be upsert or delete'))),
    );
  }
  return {
    id,
    kind,
    summary,
    idColumn,
    dateColumn,
    columns,
    personRequired,
    toRecord(r) {
      // Every value here passed its column's check: each is a string or absent. (Read directly:
      // a helper made per row would be a closure, and tsx names each one by defineProperty.)
      const given = r.given_name as string | undefined;
      const family = r.family_name as string | undefined;
      const dob = r.date_of_birth as string | undefined;
      return {
        sourceId: r[idColumn] as string,
        contactDate: r[dateColumn] as string,
        category: r.category as string,
        open: kind === 'snapshot' ? true : null,
        leadTeam: r.lead_team as string,
        uprn: r.uprn as string | undefined,
        address: r.address as string | undefined,
        postcode: r.postcode as string | undefined,
        attendance: r.attendance_type as FeedRecord['attendance'],
        ...(r.sensitive_address === 'Y' && { sensitiveAddress: true as const }),
        person:
          given !== undefined || family !== undefined || dob !== undefined
            ? {
                givenName: given!,
                familyName: family!,
                dateOfBirth: dob!,
                sex: r.sex as 'M' | 'F' | 'U' | 'X' | undefined,
                nhsNumber: r.nhs_number as string | undefined,
              }
            : undefined,
      };
    },
  };
}

export const FEED_CONTRACTS: Record<FeedId, FeedContract> = {
  'council-adults': contract(
    'council-adults',
    "Adult social care open cases: a full daily snapshot. A case missing from today's file is closed.",
    'case_id',
    'opened_on',
    'Date the case was opened, YYYY-MM-DD',
    true,
    [col('nhs_number', false, 'NHS number, ten digits, when known', f.optional(f.nhsNumber))],
  ),
  'council-children': contract(
    'council-children',
    "Children's social care open cases: a full daily snapshot. A case missing from today's file is closed.",
    'case_id',
    'opened_on',
    'Date the case was opened, YYYY-MM-DD',
    true,
    [col('nhs_number', false, 'NHS number, ten digits, when known', f.optional(f.nhsNumber))],
  ),
  fire: contract(
    'fire',
    'Fire and rescue incidents and visits at residential addresses, incremental by incident id.',
    'incident_id',
    'incident_date',
    'Date of the incident or visit, YYYY-MM-DD',
    false,
  ),
  nhs: contract(
    'nhs',
    'NHS emergency department (A&E) attendances and did-not-attends, incremental by attendance id.',
    'attendance_id',
    'attendance_date',
    'Date of the attendance or missed appointment, YYYY-MM-DD',
    true,
    [
      col(
        'attendance_type',
        true,
        'attended or did-not-attend',
        f.required(f.oneOf(['attended', 'did-not-attend'], 'must be attended or did-not-attend')),
      ),
      col('nhs_number', false, 'NHS number, ten digits, when known', f.optional(f.nhsNumber)),
    ],
  ),
  police: contract(
    'police',
    'Police incidents linked to an address (and the person involved, when recorded), incremental by incident id.',
    'incident_id',
    'incident_date',
    'Date of the incident, YYYY-MM-DD',
    false,
  ),
};

export type RowCheck =
  | { ok: true; record: FeedRecord }
  | { ok: false; reasons: string[] };

/** A cell its column's check refused, with the check's first message (never the value). */
class Refused {
  constructor(readonly message: string) {}
}

/** A cell checked: the value its column's schema gives, or Refused. (Not zod's result object: a
 * file has a dozen cells a row, nearly all accepted, and that object was made for every one.) */
type CellParse = (column: ColumnSpec, k: number, cell: string | undefined) => unknown;

function parseCell(schema: z.ZodType, cell: string | undefined): unknown {
  // Nearly every cell is accepted by its column's quick check, without zod (see fields.ts).
  const quick = f.quickCheck(schema);
  if (quick !== undefined) {
    const data = quick(cell);
    if (data !== f.UNSURE) return data;
  }
  const result = schema.safeParse(cell);
  return result.success ? result.data : new Refused(result.error.issues[0]?.message ?? 'is invalid');
}

/** Where a row's cells are: for each contract column, and for the cells the cross-column rules
 * read, its place in the row (-1 when the file has no such column). Worked out once a file. */
interface RowLayout {
  columns: number[];
  id: number;
  action: number;
  uprn: number;
  address: number;
  givenName: number;
  familyName: number;
  dateOfBirth: number;
}

function rowLayout(contract: FeedContract, header: readonly string[]): RowLayout {
  const at = (name: string) => header.indexOf(name);
  return {
    columns: contract.columns.map((c) => at(c.name)),
    id: at(contract.idColumn),
    // Only incremental feeds read it, and only those have it as a column.
    action: contract.columns.some((c) => c.name === 'action') ? at('action') : -1,
    uprn: at('uprn'),
    address: at('address'),
    givenName: at('given_name'),
    familyName: at('family_name'),
    dateOfBirth: at('date_of_birth'),
  };
}

/** The layout of a row given in the contract's own column order (checkRow's), once a contract. */
const OWN_LAYOUT = new WeakMap<FeedContract, RowLayout>();
function ownLayout(contract: FeedContract): RowLayout {
  let layout = OWN_LAYOUT.get(contract);
  if (!layout) OWN_LAYOUT.set(contract, (layout = rowLayout(contract, contractColumns(contract))));
  return layout;
}

/** Validates one CSV row (a header -> cell map) against a contract. Reasons name columns, never values. */
export function checkRow(contract: FeedContract, raw: Record<string, string | undefined>): RowCheck {
  const cells = contract.columns.map((c) => raw[c.name]);
  return checkWith(contract, cells, ownLayout(contract), (c, _k, cell) => parseCell(c.schema, cell));
}

/**
 * checkRow for the rows of one file, each row its cells in the order of the file's `header`
 * (as the CSV parser gives them: no object is made per row, and a column is found by its
 * place, not its name). Each column remembers the cells it has accepted (up to `limit` a
 * column, then it starts again). A feed repeats the same dates, codes, teams, names and
 * postcodes row after row, and every zod check allocates: on a million-row file validation made
 * more garbage than anything else in the row stage. Only accepted cells are remembered, which is
 * exact: no rule comes to refuse a cell it accepted ("not in the future" only accepts more as
 * the days pass).
 */
export function rowChecker(
  contract: FeedContract,
  header: readonly string[],
  limit = 4096,
): (cells: readonly (string | undefined)[]) => RowCheck {
  const accepted = contract.columns.map(() => new Map<string, unknown>());
  // A column whose cells rarely repeat (the record id, the address) stops remembering: looking
  // up and storing every cell would cost more than it saves.
  const remembering = contract.columns.map(() => true);
  const hits = contract.columns.map(() => 0);
  const parse: CellParse = (c, k, cell) => {
    const seen = accepted[k]!;
    if (cell !== undefined && remembering[k]) {
      const data = seen.get(cell);
      if (data !== undefined || seen.has(cell)) {
        hits[k]!++;
        return data;
      }
    }
    const data = parseCell(c.schema, cell);
    if (!(data instanceof Refused) && cell !== undefined && remembering[k]) {
      if (seen.size >= limit) {
        // A full memory that was hit less often than it was filled is not worth keeping.
        remembering[k] = hits[k]! >= limit;
        hits[k] = 0;
        seen.clear();
      }
      if (remembering[k]) seen.set(cell, data);
    }
    return data;
  };
  const layout = rowLayout(contract, header);
  return (cells) => checkWith(contract, cells, layout, parse);
}

/** 1 when the cell holds something, else 0 (counted across a person's three cells). */
function filled(cell: string | undefined): 0 | 1 {
  return typeof cell === 'string' && cell.trim() !== '' ? 1 : 0;
}

const cellAt = (cells: readonly (string | undefined)[], at: number): string | undefined => (at === -1 ? undefined : cells[at]);

function checkWith(contract: FeedContract, cells: readonly (string | undefined)[], layout: RowLayout, parse: CellParse): RowCheck {
  if (contract.kind === 'incremental' && cellAt(cells, layout.action)?.trim().toLowerCase() === 'delete') {
    const id = parse(contract.columns[0]!, 0, cellAt(cells, layout.id));
    if (id instanceof Refused) return { ok: false, reasons: [`${contract.idColumn} ${id.message}`] };
    return { ok: true, record: { sourceId: id as string, deleted: true, contactDate: '', category: '', open: null, leadTeam: '' } };
  }
  const reasons: string[] = [];
  const parsed: Record<string, unknown> = {};
  const columns = contract.columns;
  for (let k = 0; k < columns.length; k++) {
    const c = columns[k]!;
    const value = parse(c, k, cellAt(cells, layout.columns[k]!));
    if (value instanceof Refused) reasons.push(`${c.name} ${value.message}`);
    else parsed[c.name] = value;
  }
  // Cross-column rules look at which cells were filled in, so they are reported alongside any
  // cell-level reasons: the partner fixes the row once, not twice.
  if (!filled(cellAt(cells, layout.uprn)) && !filled(cellAt(cells, layout.address))) reasons.push('address is required when uprn is blank');
  const personParts = filled(cellAt(cells, layout.givenName)) + filled(cellAt(cells, layout.familyName)) + filled(cellAt(cells, layout.dateOfBirth));
  if (!contract.personRequired && personParts > 0 && personParts < 3)
    reasons.push('a person needs given_name, family_name and date_of_birth together');
  if (reasons.length > 0) return { ok: false, reasons };
  return { ok: true, record: contract.toRecord(parsed) };
}

export function contractColumns(contract: FeedContract): string[] {
  return contract.columns.map((c) => c.name);
}
