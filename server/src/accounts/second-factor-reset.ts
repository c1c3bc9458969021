// Resetting a user's second factor, as an administrator does when a phone is lost: the TOTP
// secret and recovery codes go, and every session of the user ends (OWASP ASVS 5.0, 7.4.3). The
// user sets up a new authenticator at their next sign-in.
import { clearSecondFactor, endUserSessions, type Db } from '@mast/db';

export interface SecondFactorReset {
  sessionsEnded: number;
}

export async function resetUserSecondFactor(db: Db, userId: number): Promise<SecondFactorReset> {
  await clearSecondFactor(db, userId);
  const sessionsEnded = await endUserSessions(db, userId);
  return { sessionsEnded };
}
