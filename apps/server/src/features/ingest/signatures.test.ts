import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  newWebhookSecret,
  signStandardWebhook,
  verifyStandardWebhook,
  verifyXSignature,
  xCrcResponse,
} from './signatures.ts';

const RUNS = { numRuns: 1000 };
const change = fc.record({
  index: fc.nat(),
  mask: fc.integer({ min: 1, max: 255 }),
  // Mostly characters that keep the header well-formed (digits, base64, visible ASCII), so that the change reaches
  // the signature comparison instead of failing the format checks.
  char: fc.oneof(
    fc.constantFrom(...'0123456789'),
    fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/='),
    fc.stringMatching(/^[\x21-\x7e]$/),
    fc.string({ minLength: 1, maxLength: 1, unit: 'binary' }),
  ),
});

/** Replaces the character at `index` by a different one (any code unit), so the string always changes. */
function changeChar(s: string, index: number, replacement: string): string {
  const i = index % s.length;
  const next = replacement === s[i] ? (s[i] === 'A' ? 'B' : 'A') : replacement;
  return s.slice(0, i) + next + s.slice(i + 1);
}

function flipByte(bytes: Uint8Array, index: number, mask: number): Buffer {
  const copy = Buffer.from(bytes);
  const i = index % copy.length;
  copy[i] = copy[i]! ^ mask;
  return copy;
}

describe('X signatures', () => {
  // Reference values computed with `openssl dgst -sha256 -hmac`.
  it('answers the CRC challenge', () => {
    expect(xCrcResponse('consumer-secret', 'challenge-token')).toEqual({
      response_token: 'sha256=VZK9B1kCyurInvXeJ+LoGXGP568O3i5YIWthXZNE0QA=',
    });
  });

  const xHeader = (secret: string, body: Uint8Array) =>
    'sha256=' + createHmac('sha256', secret).update(body).digest('base64');
  const secretArb = fc.string({ minLength: 1, maxLength: 64 });

  it('accepts a correct signature', () => {
    fc.assert(
      fc.property(secretArb, fc.uint8Array({ maxLength: 512 }), (secret, body) => {
        expect(verifyXSignature(secret, Buffer.from(body), xHeader(secret, body))).toBe(true);
      }),
      RUNS,
    );
  });

  it('refuses any single changed byte of the body or character of the header', () => {
    const body = fc.uint8Array({ minLength: 1, maxLength: 512 });
    fc.assert(
      fc.property(secretArb, body, change, fc.boolean(), (secret, body, c, inBody) => {
        const header = xHeader(secret, body);
        const result = inBody
          ? verifyXSignature(secret, flipByte(body, c.index, c.mask), header)
          : verifyXSignature(secret, Buffer.from(body), changeChar(header, c.index, c.char));
        expect(result).toBe(false);
      }),
      RUNS,
    );
  });

  it('refuses garbage, truncated and extended headers, and a wrong secret, without throwing', () => {
    const body = Buffer.from('{"for_user_id":"1"}');
    const good = xHeader('s3cret', body);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary' }),
          fc.string().map((s) => `sha256=${s}`),
        ),
        (header) => {
          expect(verifyXSignature('s3cret', body, header)).toBe(header === good);
        },
      ),
      RUNS,
    );
    const broken = [undefined, '', 'sha256=', good.slice(0, -1), `${good}=`, `${good} `, good.replace('256', '1')];
    for (const header of broken) expect(verifyXSignature('s3cret', body, header)).toBe(false);
    expect(verifyXSignature('other', body, good)).toBe(false);
    expect(verifyXSignature('', body, xHeader('', body))).toBe(false);
    expect(verifyXSignature('s3cret', 'not a buffer' as unknown as Buffer, good)).toBe(false);
    expect(verifyXSignature('s3cret', body, ['array'] as unknown as string)).toBe(false);
  });
});

describe('Standard Webhooks signatures', () => {
  const SPEC_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
  const secretArb = fc
    .uint8Array({ minLength: 24, maxLength: 64 })
    .map((k) => 'whsec_' + Buffer.from(k).toString('base64'));
  const idArb = fc.stringMatching(/^[\x21-\x7e]{1,64}$/);
  const tsArb = fc.integer({ min: 1_000_000_000, max: 4_000_000_000 });
  const headersOf = (id: string, ts: number | string, signature: string) => ({
    'webhook-id': id,
    'webhook-timestamp': String(ts),
    'webhook-signature': signature,
  });

  it('matches the specification test vector', () => {
    const body = '{"test": 2432232314}';
    const signature = signStandardWebhook(SPEC_SECRET, 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, body);
    expect(signature).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
    const headers = headersOf('msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, signature);
    const result = verifyStandardWebhook({
      secrets: [SPEC_SECRET],
      headers,
      rawBody: Buffer.from(body),
      nowSec: 1614265330,
    });
    expect(result).toEqual({ ok: true, id: 'msg_p5jXN8AQM9LWM0D4loKWxJek' });
  });

  it('accepts a correct signature within ±300 s, whatever the header case', () => {
    fc.assert(
      fc.property(
        secretArb,
        idArb,
        tsArb,
        fc.integer({ min: -300, max: 300 }),
        fc.uint8Array({ maxLength: 512 }),
        (secret, id, ts, skew, body) => {
          const signature = signStandardWebhook(secret, id, ts, Buffer.from(body));
          const headers = { 'Webhook-Id': id, 'WEBHOOK-TIMESTAMP': String(ts), 'webhook-signature': [signature] };
          const result = verifyStandardWebhook({
            secrets: [secret],
            headers,
            rawBody: Buffer.from(body),
            nowSec: ts + skew,
          });
          expect(result).toEqual({ ok: true, id });
        },
      ),
      RUNS,
    );
  });

  const signed = fc.record({
    secret: secretArb,
    id: idArb,
    ts: tsArb,
    body: fc.uint8Array({ minLength: 1, maxLength: 256 }),
  });
  it('refuses any single changed byte of the body, signature, id or timestamp', () => {
    fc.assert(
      fc.property(
        signed,
        change,
        fc.constantFrom('body', 'signature', 'id', 'timestamp'),
        ({ secret, id, ts, body }, c, target) => {
          const signature = signStandardWebhook(secret, id, ts, Buffer.from(body));
          const input: { id: string; ts: string; signature: string; body: Buffer } = {
            id,
            ts: String(ts),
            signature,
            body: Buffer.from(body),
          };
          if (target === 'body') input.body = flipByte(body, c.index, c.mask);
          if (target === 'signature') input.signature = changeChar(signature, c.index, c.char);
          if (target === 'id') input.id = changeChar(id, c.index, c.char);
          if (target === 'timestamp') input.ts = changeChar(input.ts, c.index, c.char);
          const headers = headersOf(input.id, input.ts, input.signature);
          const result = verifyStandardWebhook({ secrets: [secret], headers, rawBody: input.body, nowSec: ts });
          expect(result.ok).toBe(false);
        },
      ),
      RUNS,
    );
  });

  it('refuses stale and future timestamps (|now − ts| > 300 s)', () => {
    fc.assert(
      fc.property(
        signed,
        fc.integer({ min: 301, max: 10_000_000 }),
        fc.boolean(),
        ({ secret, id, ts, body }, skew, late) => {
          const headers = headersOf(id, ts, signStandardWebhook(secret, id, ts, Buffer.from(body)));
          const nowSec = late ? ts + skew : ts - skew;
          const result = verifyStandardWebhook({ secrets: [secret], headers, rawBody: Buffer.from(body), nowSec });
          expect(result).toEqual({ ok: false, reason: 'stale_timestamp' });
        },
      ),
      RUNS,
    );
  });

  it('accepts the previous and the current secret during rotation, and any listed signature', () => {
    fc.assert(
      fc.property(
        signed,
        secretArb,
        secretArb,
        fc.boolean(),
        ({ secret: oldSecret, id, ts, body }, newSecret, stranger, useOld) => {
          fc.pre(stranger !== oldSecret && stranger !== newSecret);
          const rawBody = Buffer.from(body);
          const signature = signStandardWebhook(useOld ? oldSecret : newSecret, id, ts, rawBody);
          const garbage = `v1,${Buffer.alloc(32).toString('base64')} v2,xyz`;
          const headers = headersOf(id, ts, `${garbage} ${signature}`);
          const both = [newSecret, oldSecret];
          expect(verifyStandardWebhook({ secrets: both, headers, rawBody, nowSec: ts })).toEqual({ ok: true, id });
          const wrong = verifyStandardWebhook({ secrets: [stranger], headers, rawBody, nowSec: ts });
          expect(wrong).toEqual({ ok: false, reason: 'bad_signature' });
        },
      ),
      RUNS,
    );
  });

  it('never throws on garbage headers, and never accepts them', () => {
    const headerValue = fc.oneof(fc.string({ unit: 'binary' }), fc.array(fc.string()), fc.constant(undefined));
    const headerName = fc.constantFrom('webhook-id', 'webhook-timestamp', 'webhook-signature', 'Webhook-Id', 'x-other');
    fc.assert(
      fc.property(
        fc.dictionary(headerName, headerValue),
        fc.uint8Array({ maxLength: 64 }),
        fc.anything(),
        (headers, body, junk) => {
          const result = verifyStandardWebhook({
            secrets: [SPEC_SECRET],
            headers,
            rawBody: Buffer.from(body),
            nowSec: 1614265330,
          });
          expect(result.ok).toBe(false);
          const weird = {
            secrets: [SPEC_SECRET],
            headers: junk as Record<string, string>,
            rawBody: Buffer.from(body),
            nowSec: 0,
          };
          expect(verifyStandardWebhook(weird).ok).toBe(false);
        },
      ),
      RUNS,
    );
  });

  it('names the reason: missing headers, malformed ones, bad secrets, unusable clocks', () => {
    const rawBody = Buffer.from('{}');
    const signature = signStandardWebhook(SPEC_SECRET, 'msg_1', 1000, rawBody);
    const reason = (headers: Record<string, string | string[] | undefined>, extra: object = {}) => {
      const result = verifyStandardWebhook({ secrets: [SPEC_SECRET], headers, rawBody, nowSec: 1000, ...extra });
      return result.ok ? `ok ${result.id}` : result.reason;
    };
    const good = headersOf('msg_1', 1000, signature);
    const cases: [Record<string, string | string[]>, object, string][] = [
      [good, {}, 'ok msg_1'],
      [good, { nowSec: 1300 }, 'ok msg_1'],
      [{}, {}, 'missing_headers'],
      [{ 'webhook-id': 'msg_1', 'webhook-timestamp': '1000' }, {}, 'missing_headers'],
      [headersOf('msg_1', '1000.0', signature), {}, 'missing_headers'],
      [headersOf('msg 1', 1000, signature), {}, 'missing_headers'],
      [headersOf('x'.repeat(257), 1000, signature), {}, 'missing_headers'],
      [{ ...good, 'webhook-id': ['msg_1', 'msg_2'] }, {}, 'missing_headers'],
      [{ ...good, 'Webhook-Id': 'msg_2' }, {}, 'missing_headers'],
      [good, { nowSec: 1301 }, 'stale_timestamp'],
      [good, { nowSec: Number.NaN }, 'stale_timestamp'],
      [good, { toleranceSec: -1 }, 'stale_timestamp'],
      [good, { secrets: [] }, 'bad_secret'],
      [good, { secrets: ['MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'] }, 'bad_secret'],
      [good, { secrets: ['whsec_c2hvcnQ='] }, 'bad_secret'],
      [good, { secrets: ['whsec_not*base64'] }, 'bad_secret'],
      [good, { secrets: [SPEC_SECRET, 'whsec_'] }, 'bad_secret'],
    ];
    for (const [headers, extra, expected] of cases)
      expect(reason(headers, extra), JSON.stringify(extra)).toBe(expected);
  });

  it('generates 24-byte secrets that sign and verify', () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(newWebhookSecret()).not.toBe(secret);
    const rawBody = Buffer.from('{"mentions":[]}');
    const headers = headersOf('msg_1', 5000, signStandardWebhook(secret, 'msg_1', 5000, rawBody));
    expect(verifyStandardWebhook({ secrets: [secret], headers, rawBody, nowSec: 5000 })).toEqual({
      ok: true,
      id: 'msg_1',
    });
    expect(() => signStandardWebhook('whsec_c2hvcnQ=', 'msg_1', 5000, rawBody)).toThrow(/secret/);
  });
});
