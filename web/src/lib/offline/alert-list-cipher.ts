// The alert list's encryption at rest: AES-GCM under the session's list key, imported so that it
// can never be read back out of the browser. The list's two times are bound to the ciphertext as
// associated data, so a copy whose expiry was edited on disk does not decrypt.
import type { AlertListResponse, User } from '@mast/shared';

/** What is encrypted: the list without its key. */
/** The list as kept, with who it was given to: offline, the app opens for them with nothing but this. */
export type AlertListContent = Omit<AlertListResponse, 'listKey'> & { user?: User };

export interface SealedAlertList {
  iv: Uint8Array<ArrayBuffer>;
  ciphertext: ArrayBuffer;
  generatedAt: string;
  expiresAt: string;
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(text.length / 4) * 4, '=');
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The server's base64url key as a non-extractable AES-GCM key (256 bits, nothing else accepted). */
export async function importListKey(listKey: string): Promise<CryptoKey> {
  const raw = fromBase64Url(listKey);
  if (raw.length !== 32) throw new Error('The alert list key is not 256 bits');
  return crypto.subtle.importKey('raw', raw, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
}

function associatedData(generatedAt: string, expiresAt: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(`mast-alert-list|${generatedAt}|${expiresAt}`);
}

export async function sealAlertList(key: CryptoKey, content: AlertListContent): Promise<SealedAlertList> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const { generatedAt, expiresAt } = content;
  const plaintext = new TextEncoder().encode(JSON.stringify(content));
  const ciphertext = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: associatedData(generatedAt, expiresAt) }, key, plaintext);
  return { iv, ciphertext, generatedAt, expiresAt };
}

/** Throws (an OperationError) for another key, or a copy changed in any byte or time. */
export async function openAlertList(key: CryptoKey, sealed: SealedAlertList): Promise<AlertListContent> {
  const plaintext = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: sealed.iv, additionalData: associatedData(sealed.generatedAt, sealed.expiresAt) },
    key,
    sealed.ciphertext,
  );
  return JSON.parse(new TextDecoder().decode(plaintext)) as AlertListContent;
}
