// Settings read at start: a malformed limit stops the server, rather than switching the limit off.
import { describe, it, expect } from 'vitest';
import { readConfig, uploadLimits } from './config.ts';

describe('readConfig', () => {
  it('reads the upload limits, with defaults when they are not set', () => {
    expect(readConfig({}).uploads).toEqual({ maxBytes: 200_000_000, perHour: 60 });
    expect(readConfig({ MAST_UPLOAD_MAX_BYTES: '5000000', MAST_UPLOADS_PER_HOUR: '12' }).uploads).toEqual({ maxBytes: 5_000_000, perHour: 12 });
    expect(uploadLimits({ MAST_UPLOAD_MAX_BYTES: '', MAST_UPLOADS_PER_HOUR: '' })).toEqual({ maxBytes: 200_000_000, perHour: 60 });
  });

  it('refuses to start on an upload limit that is not a whole number above 0, naming the setting', () => {
    for (const bad of ['200MB', 'sixty', '1e9', '-5', '0', '2.5', ' 60', '0x10', '99999999999999999999']) {
      expect(() => readConfig({ MAST_UPLOAD_MAX_BYTES: bad }), bad).toThrow(/^MAST_UPLOAD_MAX_BYTES must be a whole number of bytes greater than 0/);
      expect(() => readConfig({ MAST_UPLOADS_PER_HOUR: bad }), bad).toThrow(/^MAST_UPLOADS_PER_HOUR must be a whole number of files greater than 0/);
      expect(() => readConfig({ MAST_SFTP_REPORT_DAYS: bad }), bad).toThrow(/^MAST_SFTP_REPORT_DAYS must be a whole number of days greater than 0/);
    }
  });

  it('keeps SFTP reports 30 days unless told otherwise', () => {
    expect(readConfig({}).sftpReportDays).toBe(30);
    expect(readConfig({ MAST_SFTP_REPORT_DAYS: '7' }).sftpReportDays).toBe(7);
  });
});
