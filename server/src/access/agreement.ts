// Loads the data sharing agreement (shared/sharing-agreement/access.yaml, or the file named by
// MAST_SHARING_AGREEMENT) once, when the server starts. A file that is not valid stops the server:
// mast never answers under an agreement it could not read.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { sha256 } from '@oslojs/crypto/sha2';
import { compileSharingAgreement, type SharingAgreement } from '@mast/shared';

export const DEFAULT_AGREEMENT_FILE = fileURLToPath(new URL('../../../shared/sharing-agreement/access.yaml', import.meta.url));

export class AgreementError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`The sharing agreement ${file} cannot be used:\n  ${problems.join('\n  ')}`);
    this.name = 'AgreementError';
  }
}

/** The agreement in `text`, compiled; throws AgreementError naming every problem. */
export function agreementFromText(text: string, file = '(text)'): SharingAgreement {
  let raw: unknown;
  try {
    raw = parse(text, { uniqueKeys: true });
  } catch (e) {
    throw new AgreementError(file, [`not valid YAML: ${(e as Error).message.split('\n')[0]}`]);
  }
  const digest = encodeHexLowerCase(sha256(new TextEncoder().encode(text))).slice(0, 12);
  const compiled = compileSharingAgreement(raw, digest);
  if (!compiled.ok) throw new AgreementError(file, compiled.problems);
  return compiled.agreement;
}

export function loadAgreement(file = process.env.MAST_SHARING_AGREEMENT || DEFAULT_AGREEMENT_FILE): SharingAgreement {
  return agreementFromText(readFileSync(file, 'utf8'), file);
}

let loaded: SharingAgreement | undefined;
/** The agreement this process answers under (read from disk the first time it is asked for). */
export function currentAgreement(): SharingAgreement {
  loaded ??= loadAgreement();
  return loaded;
}
