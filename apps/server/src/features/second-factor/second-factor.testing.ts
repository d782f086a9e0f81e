import { Secret, TOTP } from 'otpauth';
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

/** The code an authenticator app shows for `secret`, `steps` 30-second steps from now. */
export function codeFor(secret: string, steps = 0): string {
  const totp = new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 });
  return totp.generate({ timestamp: Date.now() + steps * 30_000 });
}

/** The perchCode of a refused call ('OK' when it succeeded). */
export async function perchCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'OK';
  } catch (error) {
    return (error as { cause?: { code?: string } }).cause?.code ?? (error as { code?: string }).code ?? 'THROWN';
  }
}
