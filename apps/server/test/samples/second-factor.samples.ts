import { enrolSecondFactorForTest } from '../../src/features/second-factor/second-factor.testing.ts';
import { TEST_SECRET_KEY } from '../harness.ts';
import { org, type Sample } from './sample.ts';

/** The owner has a second factor: requiring it of others takes one's own (S15). */
const ownerEnrolled: Sample['setup'] = async ({ db }, own) => {
  await enrolSecondFactorForTest(db, own.users.owner.userId, TEST_SECRET_KEY);
};

/** Samples of the organization's second-factor setting (`organizations.secondFactor`, `…setRequireTotp`). */
export const SECOND_FACTOR_SAMPLES = {
  'organizations.secondFactor': { kind: 'query', valid: org },
  'organizations.setRequireTotp': {
    kind: 'mutation',
    setup: ownerEnrolled,
    valid: (o) => ({ ...org(o), requireTotp: true }),
  },
} satisfies Record<'organizations.secondFactor' | 'organizations.setRequireTotp', Sample>;
