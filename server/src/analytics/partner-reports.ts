// (Being written.)
import type { Report } from '@mast/shared';
import type { Db } from '@mast/db';
import type { ReportWindow } from './report-window.ts';

export async function partnerReports(_tx: Db, _window: ReportWindow): Promise<Report[]> {
  return [];
}
