import { createHmac, timingSafeEqual } from 'node:crypto';

export const STRIPE_TOLERANCE_SEC = 300;
const MAX_HEADER = 4_096;

export type StripeSignatureResult =
  { ok: true } | { ok: false; reason: 'bad_secret' | 'malformed' | 'stale' | 'bad_signature' };

/** Stripe's v1 signature of a delivery: hex HMAC-SHA256, keyed by the endpoint secret, of "timestamp.body". */
export function stripeSignature(secret: string, timestamp: number, rawBody: Buffer): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex');
}

/**
 * Verifies a `Stripe-Signature` header (`t=…,v1=…[,v1=…]`) over the raw body: the timestamp within the tolerance
 * (default 300 s, both ways), and any v1 signature matching any endpoint secret (two during a rotation), compared
 * in constant time. Anything malformed fails closed.
 */
export function verifyStripeSignature(input: {
  secrets: readonly string[];
  header: string | string[] | undefined;
  rawBody: Buffer;
  nowSec: number;
  toleranceSec?: number;
}): StripeSignatureResult {
  const tolerance = input.toleranceSec ?? STRIPE_TOLERANCE_SEC;
  if (input.secrets.length === 0 || input.secrets.some((s) => !/^whsec_\w{8,}$/.test(s))) {
    return { ok: false, reason: 'bad_secret' };
  }
  const header = input.header;
  if (typeof header !== 'string' || header.length > MAX_HEADER || !Buffer.isBuffer(input.rawBody)) {
    return { ok: false, reason: 'malformed' };
  }
  const pairs = header.split(',').map((p) => {
    const at = p.indexOf('=');
    return at < 0 ? ['', ''] : [p.slice(0, at).trim(), p.slice(at + 1).trim()];
  });
  const timestamps = pairs.filter(([k]) => k === 't').map(([, v]) => v);
  const signatures = pairs.filter(([k, v]) => k === 'v1' && /^[0-9a-f]{64}$/.test(v ?? '')).map(([, v]) => v!);
  if (timestamps.length !== 1 || !/^\d{1,12}$/.test(timestamps[0]!) || signatures.length === 0) {
    return { ok: false, reason: 'malformed' };
  }
  const timestamp = Number(timestamps[0]);
  if (!Number.isFinite(input.nowSec) || !(tolerance >= 0) || !(Math.abs(input.nowSec - timestamp) <= tolerance)) {
    return { ok: false, reason: 'stale' };
  }
  let match = false;
  for (const secret of input.secrets) {
    const expected = Buffer.from(stripeSignature(secret, timestamp, input.rawBody), 'utf8');
    for (const candidate of signatures) {
      const given = Buffer.from(candidate, 'utf8');
      match = (given.length === expected.length && timingSafeEqual(given, expected)) || match;
    }
  }
  return match ? { ok: true } : { ok: false, reason: 'bad_signature' };
}
