import type { SecondFactorProof } from '@perch/shared';
import type { Db, DbOrTx } from '../../db/database.ts';
import { DomainError } from '../../lib/errors.ts';
import { recordDenial, writeAudit } from '../audit/audit.repository.ts';
import { verifyPassword } from '../auth/password.ts';
import { createSession } from '../auth/session.repository.ts';
import { recordAttemptFor, retryAfterMsFor, secondFactorKeys } from '../auth/throttle.ts';
import { formatRecoveryCode, hashRecoveryCode, newRecoveryCodes } from './recovery-codes.ts';
import {
  claimStep,
  countUnusedRecoveryCodes,
  disableTotp,
  enableTotp,
  findRequireTotp,
  findSecondFactorState,
  listMembersWithoutSecondFactor,
  replaceRecoveryCodes,
  savePendingSecret,
  setRequireTotp,
  useRecoveryCode,
  type SecondFactorState,
} from './second-factor.repository.ts';
import { readChallenge } from './sign-in-challenge.ts';
import { matchingStep, newTotpSecret, totpUri } from './totp.ts';
import { openTotpSecret, sealTotpSecret } from './totp-secrets.ts';

/** The signed-in user acting on their own account, and the server key that seals their secrets. */
export interface AccountActor {
  userId: string;
  ip: string | null;
  secretKey: Buffer;
}

const actorOf = (a: AccountActor) => ({ userId: a.userId, organizationId: null, ip: a.ip });

/** The proof an input carries (its schema lets through exactly one of the two). */
export function proofOf(input: { code?: string | undefined; recoveryCode?: string | undefined }): SecondFactorProof {
  if (input.code !== undefined) return { code: input.code };
  if (input.recoveryCode !== undefined) return { recoveryCode: input.recoveryCode };
  throw new DomainError('VALIDATION', 'Give either a code or a recovery code');
}

async function stateOf(db: DbOrTx, userId: string): Promise<SecondFactorState> {
  const state = await findSecondFactorState(db, userId);
  if (!state) throw new DomainError('UNAUTHENTICATED', 'Please sign in');
  return state;
}

export async function secondFactorStatus(db: Db, userId: string) {
  const state = await stateOf(db, userId);
  return {
    enabled: state.totpEnabledAt !== null,
    enabledAt: state.totpEnabledAt,
    recoveryCodesLeft: state.totpEnabledAt ? await countUnusedRecoveryCodes(db, userId) : 0,
  };
}

/**
 * Starts (or restarts) an enrolment: a new secret, kept sealed as pending until a code from it is confirmed. Returns
 * what the authenticator app needs: the otpauth:// URI, its QR code, and the secret for manual entry.
 */
export async function beginEnrolment(db: Db, actor: AccountActor) {
  const state = await stateOf(db, actor.userId);
  if (state.totpEnabledAt) {
    throw new DomainError('CONFLICT', 'Two-step sign-in is already on: turn it off first to use another app');
  }
  const secret = newTotpSecret();
  const uri = totpUri(secret, state.email);
  // Loaded on first use (P11): enrolment is rare.
  const { qrCodeDataUrl } = await import('./qr-code.ts');
  const qrCode = await qrCodeDataUrl(uri);
  await db.$transaction(async (tx) => {
    await savePendingSecret(tx, actor.userId, sealTotpSecret(actor.secretKey, actor.userId, secret));
    await writeAudit(tx, actorOf(actor), { action: 'totp.begin', targetType: 'user', targetId: actor.userId });
  });
  return { uri, secret, qrCode };
}

/** Wrong codes wait like wrong passwords (S8): checked before anything else, for every code-taking action. */
async function assertNotThrottled(db: Db, userId: string, ip: string | null, now: Date) {
  const wait = await retryAfterMsFor(db, secondFactorKeys(userId, ip), now);
  if (wait > 0) {
    throw new DomainError('TOO_MANY_ATTEMPTS', 'Too many attempts: wait a moment and try again', {
      retryAfterSeconds: Math.ceil(wait / 1000),
    });
  }
}

/** A refused code (or password): counted for the throttle and audited as a denial, then INVALID_CODE. */
async function refuse(
  db: Db,
  input: { userId: string; ip: string | null; action: string; now: Date },
  error = new DomainError('INVALID_CODE', 'This code is not valid'),
): Promise<never> {
  await recordAttemptFor(db, secondFactorKeys(input.userId, input.ip), false, input.now);
  await recordDenial(db, { organizationId: null, actorUserId: input.userId, action: input.action, ip: input.ip });
  throw error;
}

/**
 * Confirms an enrolment with a code of the pending secret: the second factor is on, and 10 recovery codes are
 * returned — the only time they are ever shown (only their HMACs are kept).
 */
export async function confirmEnrolment(db: Db, actor: AccountActor, code: string, now = new Date()) {
  await assertNotThrottled(db, actor.userId, actor.ip, now);
  const state = await stateOf(db, actor.userId);
  if (state.totpEnabledAt) throw new DomainError('CONFLICT', 'Two-step sign-in is already on');
  if (!state.totpPendingSecret) {
    throw new DomainError('VALIDATION', 'No setup in progress: start the setup again');
  }
  const secret = openTotpSecret(actor.secretKey, actor.userId, state.totpPendingSecret);
  const step = matchingStep(secret, code, now.getTime(), null);
  if (step === null) return refuse(db, { ...actor, action: 'totp.confirm', now });
  const codes = newRecoveryCodes();
  await db.$transaction(async (tx) => {
    const enabled = await enableTotp(tx, actor.userId, {
      sealed: sealTotpSecret(actor.secretKey, actor.userId, secret),
      step,
      now,
    });
    if (enabled === 0) throw new DomainError('CONFLICT', 'Two-step sign-in was turned on meanwhile');
    await replaceRecoveryCodes(
      tx,
      actor.userId,
      codes.map((c) => hashRecoveryCode(actor.secretKey, actor.userId, c)),
    );
    await writeAudit(tx, actorOf(actor), {
      action: 'totp.confirm',
      targetType: 'user',
      targetId: actor.userId,
      after: { enabled: true, recoveryCodes: codes.length },
    });
  });
  await recordAttemptFor(db, secondFactorKeys(actor.userId, actor.ip), true, now);
  return { recoveryCodes: codes.map(formatRecoveryCode) };
}

/**
 * Spends a proof inside the transaction of what it authorises: a current code of a step newer than the last one
 * accepted (no replay), or an unused recovery code (used once). False when it is neither.
 */
async function spendProof(
  tx: DbOrTx,
  state: SecondFactorState,
  proof: SecondFactorProof,
  secretKey: Buffer,
  now: Date,
): Promise<false | 'totp' | 'recovery_code'> {
  if (!state.totpEnabledAt || !state.totpSecret) return false;
  if ('code' in proof) {
    const secret = openTotpSecret(secretKey, state.id, state.totpSecret);
    const step = matchingStep(secret, proof.code, now.getTime(), state.totpLastUsedStep);
    return step !== null && (await claimStep(tx, state.id, step)) ? 'totp' : false;
  }
  const used = await useRecoveryCode(tx, state.id, hashRecoveryCode(secretKey, state.id, proof.recoveryCode), now);
  return used ? 'recovery_code' : false;
}

/**
 * Runs `change` in one transaction with the spending of the proof; a wrong proof changes nothing, counts for the
 * throttle and is audited as a denial.
 */
async function withProof<T>(
  db: Db,
  input: { state: SecondFactorState; proof: SecondFactorProof; secretKey: Buffer; ip: string | null; action: string },
  now: Date,
  change: (tx: DbOrTx, used: 'totp' | 'recovery_code') => Promise<T>,
): Promise<T> {
  const outcome = await db.$transaction(async (tx) => {
    const used = await spendProof(tx, input.state, input.proof, input.secretKey, now);
    return used ? { ok: true as const, value: await change(tx, used) } : { ok: false as const };
  });
  if (!outcome.ok) return refuse(db, { userId: input.state.id, ip: input.ip, action: input.action, now });
  await recordAttemptFor(db, secondFactorKeys(input.state.id, input.ip), true, now);
  return outcome.value;
}

function assertEnabled(state: SecondFactorState) {
  if (!state.totpEnabledAt) throw new DomainError('CONFLICT', 'Two-step sign-in is not on');
}

/** Turning the second factor off takes the password and a code or a recovery code. */
export async function disableSecondFactor(
  db: Db,
  actor: AccountActor,
  input: { password: string } & SecondFactorProof,
  now = new Date(),
) {
  await assertNotThrottled(db, actor.userId, actor.ip, now);
  const state = await stateOf(db, actor.userId);
  assertEnabled(state);
  if (!(await verifyPassword(state.passwordHash, input.password))) {
    await refuse(
      db,
      { ...actor, action: 'totp.disable', now },
      new DomainError('INVALID_CREDENTIALS', 'The password is incorrect'),
    );
  }
  const { password: _password, ...proof } = input;
  return withProof(db, { state, proof, ...actor, action: 'totp.disable' }, now, async (tx, used) => {
    await disableTotp(tx, actor.userId);
    await writeAudit(tx, actorOf(actor), {
      action: 'totp.disable',
      targetType: 'user',
      targetId: actor.userId,
      before: { enabled: true },
      after: { enabled: false, provedWith: used },
    });
    return { ok: true as const };
  });
}

/** New recovery codes (the old ones stop working), shown once; takes a code or a recovery code. */
export async function regenerateRecoveryCodes(db: Db, actor: AccountActor, proof: SecondFactorProof, now = new Date()) {
  await assertNotThrottled(db, actor.userId, actor.ip, now);
  const state = await stateOf(db, actor.userId);
  assertEnabled(state);
  const codes = newRecoveryCodes();
  const action = 'totp.regenerateRecoveryCodes';
  await withProof(db, { state, proof, ...actor, action }, now, async (tx, used) => {
    await replaceRecoveryCodes(
      tx,
      actor.userId,
      codes.map((c) => hashRecoveryCode(actor.secretKey, actor.userId, c)),
    );
    await writeAudit(tx, actorOf(actor), {
      action,
      targetType: 'user',
      targetId: actor.userId,
      after: { recoveryCodes: codes.length, provedWith: used },
    });
  });
  return { recoveryCodes: codes.map(formatRecoveryCode) };
}

export interface SecondStepInput {
  challenge: string;
  proof: SecondFactorProof;
  ip: string | null;
  userAgent: string | null;
  ttlMs: number;
  secretKey: Buffer;
}

/**
 * The second step of a sign-in: a genuine, unexpired challenge for a password that has not changed since, and a
 * code or a recovery code; then a session exactly as a password-only sign-in makes one.
 */
export async function completeSignIn(db: Db, input: SecondStepInput, now = new Date()) {
  const claims = readChallenge(input.secretKey, input.challenge, now);
  const state = await findSecondFactorState(db, claims.userId);
  if (!state || state.passwordChangedAt.getTime() !== claims.passwordChangedAt || !state.totpEnabledAt) {
    throw new DomainError('SIGN_IN_EXPIRED', 'This sign-in has expired: enter your password again');
  }
  await assertNotThrottled(db, state.id, input.ip, now);
  const action = 'auth.verifySecondFactor';
  return withProof(
    db,
    { state, proof: input.proof, secretKey: input.secretKey, ip: input.ip, action },
    now,
    async (tx, used) => {
      const session = await createSession(tx, {
        userId: state.id,
        ip: input.ip,
        userAgent: input.userAgent,
        ttlMs: input.ttlMs,
      });
      await writeAudit(
        tx,
        { userId: state.id, organizationId: null, ip: input.ip },
        { action, targetType: 'session', targetId: session.sessionId, after: { secondFactor: used } },
      );
      return session;
    },
  );
}

/** The organization's requirement and who it still leaves out (owners' settings page). */
export async function organizationSecondFactor(db: Db, organizationId: string) {
  const { requireTotp } = await findRequireTotp(db, organizationId);
  return { requireTotp, membersWithoutSecondFactor: await listMembersWithoutSecondFactor(db, organizationId) };
}

/**
 * Owners turn the requirement on or off. Turning it on takes the owner's own second factor first: an owner never
 * locks themself out of the organization they are configuring.
 */
export async function setOrganizationRequirement(
  db: Db,
  actor: { userId: string; organizationId: string; ip: string | null },
  requireTotp: boolean,
) {
  if (requireTotp) {
    const own = await stateOf(db, actor.userId);
    if (!own.totpEnabledAt) {
      throw new DomainError(
        'SECOND_FACTOR_REQUIRED',
        'Turn on two-step sign-in for your own account before requiring it of others',
      );
    }
  }
  return db.$transaction(async (tx) => {
    const before = await findRequireTotp(tx, actor.organizationId);
    await setRequireTotp(tx, actor.organizationId, requireTotp);
    await writeAudit(tx, actor, {
      action: 'organizations.setRequireTotp',
      targetType: 'organization',
      targetId: actor.organizationId,
      before: { requireTotp: before.requireTotp },
      after: { requireTotp },
    });
    return { requireTotp };
  });
}
