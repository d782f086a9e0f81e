import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The one signature module behind every ingest entry point (S7): the X Account Activity webhook (CRC + body HMAC)
 * and the generic Standard Webhooks endpoint (https://www.standardwebhooks.com). Verifiers never throw: any missing,
 * malformed or mismatching input is a plain rejection, so a route can answer 401 without a try/catch.
 */

/** Answer to X's CRC challenge (`GET ?crc_token=…`). */
export function xCrcResponse(consumerSecret: string, crcToken: string): { response_token: string } {
  return { response_token: 'sha256=' + createHmac('sha256', consumerSecret).update(crcToken).digest('base64') };
}

/**
 * Verifies `x-twitter-webhooks-signature: sha256=<base64 HMAC-SHA256(consumer secret, raw body)>`.
 * The header is compared as text against the canonical encoding (not decoded first): base64 decoders accept
 * variants (missing padding, stray characters, unused trailing bits), and "any changed byte fails" must hold.
 */
export function verifyXSignature(consumerSecret: string, rawBody: Buffer, header: string | undefined): boolean {
  try {
    // An empty secret would let anyone who guesses the misconfiguration sign requests.
    if (typeof header !== 'string' || !consumerSecret || !Buffer.isBuffer(rawBody)) return false;
    const expected = 'sha256=' + createHmac('sha256', consumerSecret).update(rawBody).digest('base64');
    return constantTimeEqual(expected, header);
  } catch {
    return false;
  }
}

/** Standard Webhooks secrets are `whsec_` + base64 of the key; the spec asks for 24 to 64 random bytes. */
const SECRET_PREFIX = 'whsec_';
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const DEFAULT_TOLERANCE_SEC = 300;
/** Bounds on attacker-controlled header sizes, so verification cost stays small whatever is sent. */
const MAX_ID_LENGTH = 256;
const MAX_SIGNATURE_HEADER_LENGTH = 4096;

/** A fresh secret to show once to the sender: 24 random bytes (192 bits), the spec's minimum. */
export function newWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(24).toString('base64');
}

function decodeSecret(secret: unknown): Buffer | null {
  if (typeof secret !== 'string' || !secret.startsWith(SECRET_PREFIX)) return null;
  const encoded = secret.slice(SECRET_PREFIX.length);
  if (!BASE64.test(encoded)) return null;
  const key = Buffer.from(encoded, 'base64');
  return key.length >= 24 && key.length <= 64 ? key : null;
}

function standardSignature(key: Buffer, id: string, timestamp: string, rawBody: Buffer): string {
  // Signed content is `${id}.${timestamp}.${body}` on the raw bytes: the body is never re-encoded.
  const hmac = createHmac('sha256', key).update(`${id}.${timestamp}.`).update(rawBody);
  return 'v1,' + hmac.digest('base64');
}

/** Signs a delivery (used by the sandbox network, tests and the docs example). Throws on a malformed secret. */
export function signStandardWebhook(
  secret: string,
  id: string,
  timestampSec: number,
  rawBody: Buffer | string,
): string {
  const key = decodeSecret(secret);
  if (!key) throw new Error('signStandardWebhook: the secret must be whsec_ + base64 of 24 to 64 bytes');
  const body = typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody;
  return standardSignature(key, id, String(Math.trunc(timestampSec)), body);
}

export type StandardWebhookResult =
  | { ok: true; id: string }
  | { ok: false; reason: 'missing_headers' | 'stale_timestamp' | 'bad_signature' | 'bad_secret' };

/**
 * Verifies a Standard Webhooks delivery. Order of checks: secrets (a server-side misconfiguration fails closed with
 * `bad_secret`), then headers (`missing_headers` also covers malformed ones: repeated headers, a non-integer
 * timestamp, an id that is not 1 to 256 visible ASCII characters), then the timestamp window (|now − ts| ≤ tolerance, default 300 s), then the signatures.
 * Any `v1` signature in the header that matches any of the secrets (current + previous during rotation) passes.
 * The returned id is the sender's message id, for idempotency.
 */
export function verifyStandardWebhook(input: {
  secrets: string[];
  headers: Record<string, string | string[] | undefined>;
  rawBody: Buffer;
  nowSec: number;
  toleranceSec?: number;
}): StandardWebhookResult {
  try {
    const { secrets, headers, rawBody, nowSec } = input;
    const tolerance = input.toleranceSec ?? DEFAULT_TOLERANCE_SEC;
    if (!Array.isArray(secrets) || secrets.length === 0) return { ok: false, reason: 'bad_secret' };
    const keys = secrets.map(decodeSecret);
    // One malformed secret in the list is a configuration bug: refuse everything rather than silently skip it.
    if (keys.some((k) => k === null)) return { ok: false, reason: 'bad_secret' };

    const id = header(headers, 'webhook-id');
    const timestamp = header(headers, 'webhook-timestamp');
    const signatures = header(headers, 'webhook-signature');
    if (id === null || timestamp === null || signatures === null || !Buffer.isBuffer(rawBody)) {
      return { ok: false, reason: 'missing_headers' };
    }
    // The id is the idempotency key: visible ASCII only, so two different ids can never sign the same bytes.
    if (!/^[\x21-\x7e]+$/.test(id) || id.length > MAX_ID_LENGTH || signatures.length > MAX_SIGNATURE_HEADER_LENGTH) {
      return { ok: false, reason: 'missing_headers' };
    }
    if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'missing_headers' };
    // NaN or negative settings must not open the window: the comparison below is written to fail closed.
    if (!Number.isFinite(nowSec) || !Number.isFinite(tolerance) || tolerance < 0) {
      return { ok: false, reason: 'stale_timestamp' };
    }
    if (!(Math.abs(nowSec - Number(timestamp)) <= tolerance)) return { ok: false, reason: 'stale_timestamp' };

    const candidates = signatures.split(' ').filter((s) => s.startsWith('v1,'));
    for (const key of keys) {
      const expected = standardSignature(key as Buffer, id, timestamp, rawBody);
      // No early exit inside the comparison loop: every candidate costs one constant-time comparison.
      let match = false;
      for (const candidate of candidates) match = constantTimeEqual(expected, candidate) || match;
      if (match) return { ok: true, id };
    }
    return { ok: false, reason: 'bad_signature' };
  } catch {
    return { ok: false, reason: 'missing_headers' };
  }
}

/** Case-insensitive header lookup; a repeated header (several values or spellings) is ambiguous, hence absent. */
function header(headers: Record<string, string | string[] | undefined>, name: string): string | null {
  if (typeof headers !== 'object' || headers === null) return null;
  const found = Object.entries(headers).filter(([key]) => key.toLowerCase() === name);
  if (found.length !== 1) return null;
  const value = found[0]?.[1];
  const single = Array.isArray(value) ? (value.length === 1 ? value[0] : undefined) : value;
  return typeof single === 'string' ? single : null;
}

/** Constant-time comparison of two strings' UTF-8 bytes; the length check first is what timingSafeEqual needs. */
function constantTimeEqual(expected: string, actual: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(actual, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
