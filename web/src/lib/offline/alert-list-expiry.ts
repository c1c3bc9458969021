// When a kept alert list must go: at the expiry the server set. An unreadable time counts as
// expired, so a damaged copy is thrown away rather than trusted.

export function isExpired(expiresAt: string, now: Date): boolean {
  const at = Date.parse(expiresAt);
  return Number.isNaN(at) || at <= now.getTime();
}

/** Milliseconds until expiry (0 when due), capped to what setTimeout can wait (about 24 days). */
export function msUntilExpiry(expiresAt: string, now: Date): number {
  if (isExpired(expiresAt, now)) return 0;
  return Math.min(Date.parse(expiresAt) - now.getTime(), 2 ** 31 - 1);
}
