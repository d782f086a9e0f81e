import {
  cannedRepliesFixtureOf as fx,
  cannedRepliesSetup as setup,
} from '../../src/features/canned-replies/canned-replies.testing.ts';
import { brandOf, org, type SamplesOf } from './sample.ts';

const fields = { name: 'Suite canned reply', shortcut: 'suite', text: 'Hello {{customer.name}}', language: 'en' };

/** Samples of the `cannedReplies.*` procedures for the policy, cross-tenant and audit suites. */
export const CANNED_REPLIES_SAMPLES: SamplesOf<'cannedReplies'> = {
  'cannedReplies.list': {
    kind: 'query',
    valid: brandOf,
    foreignIds: (o, f) => [{ ...org(o), brandId: f.brandIds[0] }],
  },
  'cannedReplies.create': {
    kind: 'mutation',
    valid: (o) => ({ ...brandOf(o), ...fields }),
    foreignIds: (o, f) => [{ ...org(o), brandId: f.brandIds[0], ...fields }],
  },
  'cannedReplies.update': {
    kind: 'mutation',
    setup,
    valid: (o) => ({ ...org(o), cannedReplyId: fx(o).cannedReplyId, ...fields, name: 'Renamed canned reply' }),
    foreignIds: (o, f) => [{ ...org(o), cannedReplyId: fx(f).cannedReplyId, ...fields, name: 'Hijacked' }],
  },
  'cannedReplies.delete': {
    kind: 'mutation',
    setup,
    valid: (o) => ({ ...org(o), cannedReplyId: fx(o).cannedReplyId }),
    foreignIds: (o, f) => [{ ...org(o), cannedReplyId: fx(f).cannedReplyId }],
  },
};
