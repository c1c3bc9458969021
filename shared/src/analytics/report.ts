// The partnership's trend reports: one shape for every chart the analytics pages draw, the table
// beside it, its CSV and the monthly board report. A report carries counts, shares and months,
// never a name, a date of birth, an address or a day; small counts arrive already suppressed
// (suppress.ts), so no reader of the API ever sees a count under 5.
import { z } from 'zod';

/** The pages of reports, each shown to the roles the sharing agreement names (access.yaml `reports`). */
export const REPORT_TOPICS = ['demand', 'partners', 'alerts', 'use', 'impact'] as const;
export const ReportTopicSchema = z.enum(REPORT_TOPICS);
export type ReportTopic = z.infer<typeof ReportTopicSchema>;

export const REPORT_TOPIC_TITLES: Record<ReportTopic, string> = {
  demand: 'Demand',
  partners: 'Partner contribution and feed health',
  alerts: 'Alerts and what came of them',
  use: 'Use of mast',
  impact: 'After an alert (descriptive)',
};

/** A count shown as it is, or withheld: '<5' a small number, '[c]' withheld so that a total does not give a small one away. */
export const SUPPRESSED_SMALL = '<5';
export const SUPPRESSED_SECONDARY = '[c]';
export const CellSchema = z.union([z.number(), z.literal(SUPPRESSED_SMALL), z.literal(SUPPRESSED_SECONDARY), z.string(), z.null()]);
export type Cell = z.infer<typeof CellSchema>;

/**
 * - label: text (a month as YYYY-MM, an agency, a rule);
 * - count: a whole number, suppressed where small;
 * - percent: 0 to 100, one decimal place, withheld where its count is;
 * - number: any other figure (a mean, a ratio, hours).
 */
export const ColumnKindSchema = z.enum(['label', 'count', 'percent', 'number']);
export type ColumnKind = z.infer<typeof ColumnKindSchema>;

export const ReportColumnSchema = z.object({ key: z.string(), label: z.string(), kind: ColumnKindSchema });
export type ReportColumn = z.infer<typeof ReportColumnSchema>;

/**
 * How the chart draws the table: x is a label column, each series a count, percent or number
 * column. Suppressed cells are gaps in the chart, never zeros.
 */
export const ChartSpecSchema = z.object({
  type: z.enum(['line', 'bar', 'stacked-bar', 'horizontal-bar']),
  x: z.string(),
  series: z.array(z.string()).min(1),
  yLabel: z.string(),
});
export type ChartSpec = z.infer<typeof ChartSpecSchema>;

export const ReportSchema = z.object({
  /** Stable within its topic: "contacts-by-agency"; the CSV's file name. */
  id: z.string(),
  title: z.string(),
  /** What the chart shows, in a sentence or two a board member reads without the chart. */
  caption: z.string(),
  /** What the figures count and leave out ("12 weeks before and after; descriptive, not causal"). */
  notes: z.array(z.string()),
  chart: ChartSpecSchema.nullable(),
  columns: z.array(ReportColumnSchema).min(1),
  rows: z.array(z.array(CellSchema)),
  /** The totals row, where the table has one (suppression took it into account). */
  total: z.array(CellSchema).nullable(),
  /** Whether any cell was withheld (the page then explains '<5' and '[c]'). */
  suppressed: z.boolean(),
});
export type Report = z.infer<typeof ReportSchema>;

export const ReportQuerySchema = z.object({
  /** How many months back from the last complete month: 1 to 36. */
  months: z.coerce.number().int().min(1).max(36).default(36),
});

export const TopicReportsSchema = z.object({
  topic: ReportTopicSchema,
  title: z.string(),
  /** The first and last month covered (YYYY-MM), and when the figures were read. */
  from: z.string(),
  to: z.string(),
  asOf: z.string(),
  reports: z.array(ReportSchema),
});
export type TopicReports = z.infer<typeof TopicReportsSchema>;

/** The topics this viewer may read (empty: no analytics for them). */
export const ReportTopicsResponseSchema = z.object({ topics: z.array(z.object({ topic: ReportTopicSchema, title: z.string() })) });
export type ReportTopicsResponse = z.infer<typeof ReportTopicsResponseSchema>;

export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;
export const MonthlyReportQuerySchema = z.object({ month: z.string().regex(MONTH_PATTERN, 'a month as YYYY-MM').optional() });

/** The monthly partnership report for a safeguarding board pack: the month's figures beside the 12 before it. */
export const MonthlyReportSchema = z.object({
  month: z.string(),
  asOf: z.string(),
  /** Headline figures for the month, each a sentence. */
  headlines: z.array(z.string()),
  reports: z.array(ReportSchema),
});
export type MonthlyReport = z.infer<typeof MonthlyReportSchema>;
