import type { Db } from '../../src/db/database.ts';
import type { Queue } from '../../src/queue/queue.ts';
import type { ProcedurePath } from '../../src/trpc/policy.ts';
import type { TenantFixture } from '../harness.ts';

/** Organization procedures: those whose policy is a list of roles. */
export type OrgPath = Exclude<
  ProcedurePath,
  | `auth.${string}`
  | `sessions.${string}`
  | `totp.${string}`
  | `operator.${string}`
  | 'invitations.preview'
  | 'invitations.accept'
>;

export interface Sample {
  kind: 'query' | 'mutation' | 'subscription';
  /** An input that succeeds for an allowed role of `own`. */
  valid: (own: TenantFixture) => Record<string, unknown>;
  /** Inputs naming `own`'s organization but carrying `foreign` ids (primary, nested, mixed arrays). */
  foreignIds?: (own: TenantFixture, foreign: TenantFixture) => Record<string, unknown>[];
  /** Rows the sample needs beyond the tenant fixture; the suites await it for each tenant before `valid`. */
  setup?: (services: { db: Db; queue: Queue }, own: TenantFixture) => Promise<void>;
}

export const org = (f: TenantFixture) => ({ organizationId: f.organizationId });
export const brandOf = (f: TenantFixture) => ({ ...org(f), brandId: f.brandIds[0] });

/** The samples of one router namespace: every procedure of the namespace in the policy matrix, no other. */
export type SamplesOf<NS extends string> = { [P in Extract<OrgPath, `${NS}.${string}`>]: Sample };
