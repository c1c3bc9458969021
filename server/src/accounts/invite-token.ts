// Invitation tokens: 160 random bits, base32 like session tokens; mast keeps only their SHA-256.
// The link carries the token after '#', which browsers never send, so it reaches no server log.
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { sha256 } from '@oslojs/crypto/sha2';

export function generateInviteToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export function inviteTokenHash(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(`invite:${token}`)));
}

export function inviteLink(origin: string, token: string): string {
  return `${origin}/invite#${token}`;
}
