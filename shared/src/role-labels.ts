// What each role is called on a page or in a report. No zod here: the web app imports it.
import type { Role } from './api.ts';

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  responder: 'Responder',
  practitioner: 'Practitioner',
  supervisor: 'Supervisor',
  'data-steward': 'Data steward',
  'ig-officer': 'Information governance officer',
  analyst: 'Analyst',
  admin: 'Administrator',
};
