// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- the deep import's types, also for the web's typecheck
/// <reference path="./common-passwords.d.ts" />
import { hash, verify, type Algorithm } from '@node-rs/argon2';
// Only the common-passwords list: the package's index also loads its keyboard graphs and word lists (≈ 20 MB of
// heap in every server process, P11).
import passwords from '@zxcvbn-ts/language-common/dist/passwords.json.mjs';
import { LIMITS } from '@perch/shared';
import { DomainError } from '../../lib/errors.ts';

/**
 * Argon2id at OWASP's minimum for Argon2id (m = 19 MiB, t = 2, p = 1). The parameters are stored in each hash,
 * so raising them later only affects new hashes (and `needsRehash` can upgrade on sign-in).
 */
// `Algorithm` is an ambient const enum (not importable as a value under verbatimModuleSyntax): 2 = Argon2id.
const ARGON2ID = 2 as Algorithm;
export const ARGON2_PARAMS = { algorithm: ARGON2ID, memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 };

const COMMON = new Set(passwords.map((p) => p.toLowerCase()));

/** NIST SP 800-63B: length bounds and a blocklist of common passwords; no composition rules, no truncation. */
export function assertAcceptablePassword(password: string, context: { email?: string; name?: string } = {}): void {
  if (password.length < LIMITS.passwordMin || password.length > LIMITS.passwordMax) {
    throw new DomainError('WEAK_PASSWORD', `Use ${LIMITS.passwordMin} to ${LIMITS.passwordMax} characters`);
  }
  const lower = password.toLowerCase();
  const local = context.email?.split('@')[0]?.toLowerCase();
  if (COMMON.has(lower) || /^(.)\1+$/.test(password) || (local && local.length >= 4 && lower.includes(local))) {
    throw new DomainError('WEAK_PASSWORD', 'This password is too common or too easy to guess');
  }
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_PARAMS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash of a random password: verifying against it costs the same as a real one (no user-enumeration timing). */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(`dummy-${Math.random()}-${Date.now()}`);
  return dummyHash;
}
