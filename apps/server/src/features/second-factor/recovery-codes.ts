import { createHmac, randomInt } from 'node:crypto';
import { RECOVERY_CODE_ALPHABET, SECOND_FACTOR } from '@perch/shared';

/**
 * Single-use recovery codes: 12 characters from a 31-letter alphabet (about 59 bits each), shown once as
 * "abcd-efgh-jkmn". Only an HMAC of each (keyed by the server key and bound to the user) is stored, so a copy of
 * the database alone cannot be used to guess them offline.
 */
export function newRecoveryCode(): string {
  let code = '';
  for (let i = 0; i < SECOND_FACTOR.recoveryCodeLength; i++) {
    code += RECOVERY_CODE_ALPHABET[randomInt(RECOVERY_CODE_ALPHABET.length)];
  }
  return code;
}

export function newRecoveryCodes(count: number = SECOND_FACTOR.recoveryCodes): string[] {
  const codes = new Set<string>();
  while (codes.size < count) codes.add(newRecoveryCode());
  return [...codes];
}

/** "abcdefghjkmn" → "abcd-efgh-jkmn", as shown to the user (the input schema accepts either). */
export function formatRecoveryCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}

/** `code` normalised by recoveryCodeSchema (lower case, no dashes). */
export function hashRecoveryCode(serverKey: Buffer, userId: string, code: string): string {
  return createHmac('sha256', serverKey).update(`perch-recovery-code.${userId}.${code}`).digest('hex');
}
