import { randomUUID } from 'node:crypto';
import { repliesFixtureOf as fx, repliesSetup as setup } from '../../src/features/replies/replies.testing.ts';
import { brandOf, org, type SamplesOf } from './sample.ts';

const send = (conversationId: string) => ({
  conversationId,
  text: 'We are on it, sorry for the wait.',
  idempotencyKey: randomUUID(),
  lastSeenReplyId: null,
});

/** Samples of the `replies.*` procedures for the policy, cross-tenant and audit suites. */
export const REPLIES_SAMPLES: SamplesOf<'replies'> = {
  'replies.send': {
    kind: 'mutation',
    setup,
    valid: (o) => ({ ...org(o), ...send(fx(o).conversationId) }),
    foreignIds: (o, f) => [
      { ...org(o), ...send(fx(f).conversationId) },
      { ...org(o), ...send(fx(o).conversationId), cannedReplyId: fx(f).cannedReplyId },
    ],
  },
  'replies.retry': {
    kind: 'mutation',
    setup,
    valid: (o) => ({ ...org(o), replyId: fx(o).deadReplyId }),
    foreignIds: (o, f) => [{ ...org(o), replyId: fx(f).deadReplyId }],
  },
  'replies.cancel': {
    kind: 'mutation',
    setup,
    valid: (o) => ({ ...org(o), replyId: fx(o).queuedReplyId }),
    foreignIds: (o, f) => [{ ...org(o), replyId: fx(f).queuedReplyId }],
  },
  'replies.approvals': {
    kind: 'query',
    setup,
    valid: brandOf,
    foreignIds: (o, f) => [{ ...org(o), brandId: f.brandIds[0] }],
  },
  'replies.approve': {
    kind: 'mutation',
    setup,
    valid: (o) => ({ ...org(o), replyId: fx(o).awaitingReplyIds[0] }),
    foreignIds: (o, f) => [
      { ...org(o), replyId: fx(f).awaitingReplyIds[0] },
      { ...org(o), replyId: fx(f).awaitingReplyIds[1], text: 'Edited by another tenant' },
    ],
  },
  'replies.reject': {
    kind: 'mutation',
    setup,
    valid: (o) => ({ ...org(o), replyId: fx(o).awaitingReplyIds[1], comment: 'Please offer the voucher' }),
    foreignIds: (o, f) => [{ ...org(o), replyId: fx(f).awaitingReplyIds[1], comment: 'Not yours' }],
  },
  'replies.setMemberApproval': {
    kind: 'mutation',
    valid: (o) => ({ ...org(o), userId: o.users.agent.userId, needsApproval: true }),
    foreignIds: (o, f) => [{ ...org(o), userId: f.users.agent.userId, needsApproval: true }],
  },
  'replies.setBrandApproval': {
    kind: 'mutation',
    valid: (o) => ({ ...brandOf(o), requiresApproval: true }),
    foreignIds: (o, f) => [{ ...org(o), brandId: f.brandIds[0], requiresApproval: true }],
  },
};
