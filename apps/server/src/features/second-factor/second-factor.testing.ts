import type { DbOrTx } from '../../db/database.ts';
import { hashRecoveryCode, newRecoveryCodes } from './recovery-codes.ts';
import { newTotpSecret } from './totp.ts';
import { sealTotpSecret } from './totp-secrets.ts';

/**
 * Turns a user's second factor on directly (tests and samples): a sealed secret and recovery codes, as a confirmed
 * enrolment leaves them. Does nothing when it is on already (the security suites call setups repeatedly and
 * compare snapshots). Returns the secret and the codes when it enrolled.
 */
export async function enrolSecondFactorForTest(db: DbOrTx, userId: string, secretKey: Buffer) {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { totpEnabledAt: true } });
  if (user.totpEnabledAt) return null;
  const secret = newTotpSecret();
  const recoveryCodes = newRecoveryCodes();
  await db.user.update({
    where: { id: userId },
    data: { totpSecret: sealTotpSecret(secretKey, userId, secret), totpEnabledAt: new Date() },
    select: { id: true },
  });
  await db.recoveryCode.createMany({
    data: recoveryCodes.map((code) => ({ userId, codeHash: hashRecoveryCode(secretKey, userId, code) })),
  });
  return { secret, recoveryCodes };
}
