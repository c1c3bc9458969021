// Row dates for files that reach ingest by the upload queue, SFTP, HTTPS or the CLI: those date
// an upload by the real clock, and mast refuses a row more than 12 months older than its upload,
// so a fixed date would make the test fail a year on. Read once, at a module's load: a file sent
// twice must be the same bytes even if the test crosses midnight.

/** The UTC date `n` days before today, as a feed writes it (YYYY-MM-DD). */
export function daysAgo(n: number): string {
  return new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
}
