import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recoveryCodeSchema, SECOND_FACTOR } from '@perch/shared';
import { formatRecoveryCode, hashRecoveryCode, newRecoveryCodes } from './recovery-codes.ts';

const key = Buffer.alloc(32, 3);

describe('recovery codes', () => {
  it('makes ten distinct codes that the input schema reads back, shown with dashes', () => {
    const codes = newRecoveryCodes();
    expect(new Set(codes).size).toBe(SECOND_FACTOR.recoveryCodes);
    for (const code of codes) {
      const shown = formatRecoveryCode(code);
      expect(shown).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
      expect(recoveryCodeSchema.parse(shown)).toBe(code);
      expect(recoveryCodeSchema.parse(` ${shown.toUpperCase()} `)).toBe(code);
    }
  });

  it('hashes per user and per server key, never to the code itself', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.uuid(), (a, b) => {
        const [code] = newRecoveryCodes(1);
        const hash = hashRecoveryCode(key, a, code!);
        expect(hash).toMatch(/^[0-9a-f]{64}$/);
        expect(hash).toBe(hashRecoveryCode(key, a, code!));
        if (a !== b) expect(hashRecoveryCode(key, b, code!)).not.toBe(hash);
        expect(hashRecoveryCode(Buffer.alloc(32, 4), a, code!)).not.toBe(hash);
      }),
    );
  });

  it('the schema refuses look-alike letters, wrong lengths and other shapes', () => {
    for (const bad of ['abcd-efgh-jkm', 'abcd-efgh-jkmnp', 'abcd-efgh-jkm0', 'abcd-efgh-jkml', 'x'.repeat(41)]) {
      expect(recoveryCodeSchema.safeParse(bad).success).toBe(false);
    }
  });
});
