// One demo user lives in the borough, so that the information governance officer's "own street"
// flag can be seen: the firefighter's home is on Acacia Avenue, by the quiet house (MB1 1AA).
import { setUserHomePostcode, type Db } from '@mast/db';

export const DEMO_HOME = { username: 'firefighter', postcode: 'MB1 1AA' } as const;

export async function seedDemoHomePostcode(db: Db): Promise<void> {
  await setUserHomePostcode(db, DEMO_HOME.username, DEMO_HOME.postcode);
}
