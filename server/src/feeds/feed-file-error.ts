// A whole file refused (empty, unreadable, wrong header, malformed CSV): nothing of it is
// applied and the sender is told why. Messages name columns and lines, never cell values.
export type FeedFileErrorCode = 'empty_file' | 'bad_header' | 'malformed_csv' | 'not_utf8' | 'unknown_feed';

export class FeedFileError extends Error {
  constructor(
    readonly code: FeedFileErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'FeedFileError';
  }
}
