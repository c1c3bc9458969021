// Bulk upserts through unnest(): one array parameter per column, whatever the number of rows.
// Building a VALUES list of thousands of rows through the query builder cost more CPU than
// PostgreSQL spent applying it.
import { sql, type SQL } from 'drizzle-orm';

export interface BulkColumn<Row> {
  name: string;
  /** The PostgreSQL array type of the parameter, e.g. text[], bigint[], date[]. */
  type: string;
  value: (row: Row) => unknown;
  /** How the unnested value becomes the column's value, when not as is (SQL over t."name"). */
  select?: string;
}

/** `SELECT * FROM unnest($1::text[], $2::bigint[], ...) AS t(a, b, ...)` for these rows. */
export function unnestRows<Row>(rows: readonly Row[], columns: readonly BulkColumn<Row>[]): SQL {
  const arrays = columns.map((c) => sql`${sql.param(arrayLiteral(rows, c.value))}::${sql.raw(c.type)}`);
  const names = sql.raw(columns.map((c) => `"${c.name}"`).join(', '));
  const selects = sql.raw(columns.map((c) => c.select ?? `"${c.name}"`).join(', '));
  return sql`SELECT ${selects} FROM unnest(${sql.join(arrays, sql`, `)}) AS t(${names})`;
}

export function columnList<Row>(columns: readonly BulkColumn<Row>[]): SQL {
  return sql.raw(columns.map((c) => `"${c.name}"`).join(', '));
}

export function updateFromExcluded(names: readonly string[]): SQL {
  return sql.raw(names.map((n) => `"${n}" = excluded."${n}"`).join(', '));
}

/** Characters JSON may write as escapes PostgreSQL's array input would not read back: control
 * characters, and surrogates (a lone one is written as \\udxxx). */
const CONTROL = /[\u0000-\u001f\ud800-\udfff]/;

/**
 * One column's values as a PostgreSQL array literal, `{"a","b\\"c",NULL,3}`, sent as a single text
 * parameter. Built here rather than by the driver, which ran two regular expressions over every
 * element, numbers included: a million-row feed has seventeen million of them.
 *
 * JSON.stringify writes the values in one allocation, and its array is already an array literal
 * once the brackets are braces: strings quoted with `"` and `\` backslash-escaped (as the array
 * input reads them), null as an unquoted NULL. Only text with control characters or surrogates
 * (which JSON may escape as `\n` or `\u0001`, read by the array input as letters) and numbers
 * JSON cannot write (NaN, Infinity) take the element-by-element path.
 */
export function arrayLiteral<Row>(rows: readonly Row[], value: (row: Row) => unknown): string {
  const values = new Array<unknown>(rows.length);
  let plain = true;
  for (let i = 0; i < rows.length; i++) {
    const v = value(rows[i]!);
    if (typeof v === 'string') {
      if (plain && CONTROL.test(v)) plain = false;
    } else if (typeof v === 'number') {
      if (!Number.isFinite(v)) plain = false;
    } else if (typeof v === 'bigint') plain = false;
    else if (v !== null && v !== undefined && typeof v !== 'boolean') {
      throw new TypeError(`a bulk column value must be a string, number or boolean, not ${typeof v}`);
    }
    values[i] = v ?? null;
  }
  if (!plain) return elementByElement(values);
  const json = JSON.stringify(values);
  return `{${json.slice(1, -1)}}`;
}

const NEEDS_ESCAPE = /["\\]/;

function elementByElement(values: readonly unknown[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out += ',';
    const v = values[i];
    if (v === null) out += 'NULL';
    else if (typeof v === 'number' || typeof v === 'bigint') out += String(v);
    else if (typeof v === 'boolean') out += v ? 'true' : 'false';
    else out += NEEDS_ESCAPE.test(v as string) ? `"${(v as string).replace(/["\\]/g, '\\$&')}"` : `"${v as string}"`;
  }
  return out + '}';
}
