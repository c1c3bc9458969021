// Resetting a user's second factor, as an administrator does when a phone is lost. The factor
// itself (TOTP secret, recovery codes) belongs to the sign-in module: when it offers
// clearSecondFactor, this is the one place to call it. Until then the reset ends every session
// of the user, which is also what a reset must do (OWASP ASVS 5.0, 7.4.3).
import { endUserSessions, type Db } from '@mast/db';

export interface SecondFactorReset {
  sessionsEnded: number;
}

export async function resetUserSecondFactor(db: Db, userId: number): Promise<SecondFactorReset> {
  const sessionsEnded = await endUserSessions(db, userId);
  return { sessionsEnded };
}
