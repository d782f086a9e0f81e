import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stripeSignature, verifyStripeSignature } from './stripe-signature.ts';

const secret = 'whsec_current0123456789';
const previous = 'whsec_previous0123456789';
const now = 1_796_050_000;
const header = (t: number, ...sigs: string[]) => [`t=${t}`, ...sigs.map((s) => `v1=${s}`)].join(',');

describe('Stripe-Signature verification', () => {
  it('accepts a delivery signed with the current or the previous secret, among other v1 signatures', () => {
    const body = Buffer.from('{"id":"evt_1","type":"invoice.paid"}');
    const good = stripeSignature(secret, now, body);
    const old = stripeSignature(previous, now, body);
    const check = (h: string, secrets = [secret]) =>
      verifyStripeSignature({ secrets, header: h, rawBody: body, nowSec: now });
    expect(check(header(now, good))).toEqual({ ok: true });
    expect(check(header(now, 'f'.repeat(64), good))).toEqual({ ok: true });
    expect(check(header(now, old), [secret, previous])).toEqual({ ok: true });
    expect(check(header(now, old))).toEqual({ ok: false, reason: 'bad_signature' });
    expect(check(`${header(now, good)},v0=${'0'.repeat(64)}`)).toEqual({ ok: true });
  });

  it('refuses stale or future timestamps, malformed headers and misconfigured secrets', () => {
    const body = Buffer.from('{}');
    const at = (t: number) => stripeSignature(secret, t, body);
    const check = (h: string | undefined, secrets = [secret]) =>
      verifyStripeSignature({ secrets, header: h, rawBody: body, nowSec: now });
    expect(check(header(now - 301, at(now - 301)))).toEqual({ ok: false, reason: 'stale' });
    expect(check(header(now + 301, at(now + 301)))).toEqual({ ok: false, reason: 'stale' });
    expect(check(header(now - 300, at(now - 300)))).toEqual({ ok: true });
    expect(check(undefined)).toEqual({ ok: false, reason: 'malformed' });
    expect(check(`v1=${at(now)}`)).toEqual({ ok: false, reason: 'malformed' });
    expect(check(`t=${now},t=${now},v1=${at(now)}`)).toEqual({ ok: false, reason: 'malformed' });
    expect(check(`t=abc,v1=${at(now)}`)).toEqual({ ok: false, reason: 'malformed' });
    expect(check(header(now, at(now)), [])).toEqual({ ok: false, reason: 'bad_secret' });
    expect(check(header(now, at(now)), ['not-a-secret'])).toEqual({ ok: false, reason: 'bad_secret' });
  });

  it('any change to the body, the timestamp or the signature is refused (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 300 }),
        fc.integer({ min: 0, max: 299 }),
        fc.nat(63),
        (bytes, skew, flip) => {
          const body = Buffer.from(bytes);
          const t = now - skew;
          const sig = stripeSignature(secret, t, body);
          expect(
            verifyStripeSignature({ secrets: [secret], header: header(t, sig), rawBody: body, nowSec: now }),
          ).toEqual({
            ok: true,
          });
          const tampered = Buffer.concat([body, Buffer.from([1])]);
          expect(
            verifyStripeSignature({ secrets: [secret], header: header(t, sig), rawBody: tampered, nowSec: now }).ok,
          ).toBe(false);
          expect(
            verifyStripeSignature({ secrets: [secret], header: header(t + 1, sig), rawBody: body, nowSec: now }).ok,
          ).toBe(false);
          const flipped = sig.slice(0, flip) + (sig[flip] === '0' ? '1' : '0') + sig.slice(flip + 1);
          expect(
            verifyStripeSignature({ secrets: [secret], header: header(t, flipped), rawBody: body, nowSec: now }).ok,
          ).toBe(false);
        },
      ),
    );
  });
});
