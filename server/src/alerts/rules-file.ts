// Loads the trigger rules (shared/alert-rules/rules.yaml, or the file named by MAST_ALERT_RULES)
// once, when the server starts. A file that is not valid stops the server, as an invalid sharing
// agreement does: mast never raises alerts under rules it could not read.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { sha256 } from '@oslojs/crypto/sha2';
import { compileAlertRules, type AlertRules } from '@mast/shared';

export const DEFAULT_RULES_FILE = fileURLToPath(new URL('../../../shared/alert-rules/rules.yaml', import.meta.url));

export class AlertRulesError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`The alert rules ${file} cannot be used:\n  ${problems.join('\n  ')}`);
    this.name = 'AlertRulesError';
  }
}

/** The rules in `text`, compiled; throws AlertRulesError naming every problem. */
export function alertRulesFromText(text: string, file = '(text)'): AlertRules {
  let raw: unknown;
  try {
    raw = parse(text, { uniqueKeys: true });
  } catch (e) {
    throw new AlertRulesError(file, [`not valid YAML: ${(e as Error).message.split('\n')[0]}`]);
  }
  const digest = encodeHexLowerCase(sha256(new TextEncoder().encode(text))).slice(0, 12);
  const compiled = compileAlertRules(raw, digest);
  if (!compiled.ok) throw new AlertRulesError(file, compiled.problems);
  return compiled.rules;
}

export function loadAlertRules(file = process.env.MAST_ALERT_RULES || DEFAULT_RULES_FILE): AlertRules {
  return alertRulesFromText(readFileSync(file, 'utf8'), file);
}

let loaded: AlertRules | undefined;
/** The rules this process raises and shows alerts under (read from disk the first time it is asked for). */
export function currentAlertRules(): AlertRules {
  loaded ??= loadAlertRules();
  return loaded;
}
