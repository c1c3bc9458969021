// Why a lead agency closed an alert. Apart from the rules' schema so that the app can import it
// without zod.
/** Codes kept for the partnership's feedback on what alerts led to. */
export const ALERT_CLOSE_REASONS = {
  'already-known': 'Already known and being acted on',
  'action-taken': 'Action taken (visit, referral or strategy discussion)',
  'referred-on': 'Referred to another agency',
  'no-further-action': 'Looked at: no further action needed',
  'not-this-household': 'Records do not belong together (wrong match)',
} as const;
export type AlertCloseReason = keyof typeof ALERT_CLOSE_REASONS;
