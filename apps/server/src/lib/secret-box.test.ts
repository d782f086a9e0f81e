import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openSecret, sealSecret } from './secret-box.ts';

describe('secret box', () => {
  const key = randomBytes(32);
  const org = '0190a5c0-0000-7000-8000-000000000001';

  it('round-trips, with a fresh nonce each time', () => {
    const a = sealSecret(key, 'consumer-secret', org);
    const b = sealSecret(key, 'consumer-secret', org);
    expect(a.equals(b)).toBe(false);
    expect(openSecret(key, a, org)).toBe('consumer-secret');
  });

  it('refuses another organization, another key and any changed byte', () => {
    const sealed = sealSecret(key, 'token', org);
    expect(() => openSecret(key, sealed, '0190a5c0-0000-7000-8000-000000000002')).toThrow();
    expect(() => openSecret(randomBytes(32), sealed, org)).toThrow();
    for (let i = 0; i < sealed.length; i++) {
      const tampered = Buffer.from(sealed);
      tampered[i] = tampered[i]! ^ 0x01;
      expect(() => openSecret(key, tampered, org)).toThrow();
    }
  });
});
