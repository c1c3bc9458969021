// The purpose a lookup is made for, remembered on this phone for the rest of the shift (until the
// session's end), for this user only: an officer states it once, not at every address. Forgotten
// on sign-out. Nothing personal is kept: a purpose code and an incident or case reference.
import type { Purpose } from '@mast/shared';

export interface PurposeChoice {
  purpose: string;
  reference: string | null;
}

interface Remembered extends PurposeChoice {
  username: string;
  /** When the session ends (ISO): the choice is not carried into the next shift. */
  until: string;
}

const KEY = 'mast.purpose';

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export function rememberPurpose(username: string, choice: PurposeChoice, until: string): void {
  const value: Remembered = { username, until, purpose: choice.purpose, reference: choice.reference };
  storage()?.setItem(KEY, JSON.stringify(value));
}

export function forgetPurpose(): void {
  storage()?.removeItem(KEY);
}

/** This user's choice for the shift, if it is still one of the purposes they may give. */
export function rememberedPurpose(username: string, allowed: readonly Purpose[], now = Date.now()): PurposeChoice | null {
  let value: Remembered;
  try {
    value = JSON.parse(storage()?.getItem(KEY) ?? 'null') as Remembered;
  } catch {
    return null;
  }
  if (!value || value.username !== username || !(Date.parse(value.until) > now)) return null;
  const purpose = allowed.find((p) => p.code === value.purpose);
  if (!purpose) return null;
  if (purpose.reference === 'required' && !value.reference) return null;
  return { purpose: value.purpose, reference: purpose.reference === 'none' ? null : value.reference };
}

/** What a reference typed may be (as the server checks it): letters, digits and - / . : and spaces. */
export function referenceProblem(purpose: Purpose, reference: string): string | null {
  const text = reference.trim();
  if (text === '') return purpose.reference === 'required' ? `Enter the ${(purpose.referenceLabel ?? 'reference').toLowerCase()}.` : null;
  if (text.length > 40) return 'Use at most 40 characters.';
  if (!/^[\w\-/.: ]+$/.test(text)) return 'Use letters, digits and - / . : only.';
  return null;
}

/** "Attending an incident · INC-123". */
export function purposeText(choice: PurposeChoice, purposes: readonly Purpose[]): string {
  const label = purposes.find((p) => p.code === choice.purpose)?.label ?? choice.purpose;
  return choice.reference ? `${label} · ${choice.reference}` : label;
}
