import { BILLING_ROLES } from '@perch/shared';
import { ALL, type Access } from '../../trpc/policy-types.ts';

/**
 * Who may call each `billing.*` procedure: owners and billing admins see and change billing; every member reads
 * what their brands may use (the web locks what the plan does not include).
 */
export const BILLING_POLICY = {
  'billing.overview': BILLING_ROLES,
  'billing.entitlements': ALL,
  'billing.previewChange': BILLING_ROLES,
  'billing.confirmChange': BILLING_ROLES,
  'billing.startTrial': BILLING_ROLES,
  'billing.cancel': BILLING_ROLES,
  'billing.reactivate': BILLING_ROLES,
  'billing.invoices': BILLING_ROLES,
  'billing.invoice': BILLING_ROLES,
  'billing.stripeCheckout': BILLING_ROLES,
  'billing.stripePortal': BILLING_ROLES,
} as const satisfies Record<`billing.${string}`, Access>;

/**
 * The platform operator's console (Perch's own staff): the plan catalog, comps, every organization's usage and
 * invoices, marking bank transfers paid. To anyone else these answer NOT_FOUND.
 */
export const OPERATOR_POLICY = {
  'operator.plans': 'operator',
  'operator.updatePlan': 'operator',
  'operator.organizations': 'operator',
  'operator.compPlan': 'operator',
  'operator.endComp': 'operator',
  'operator.invoices': 'operator',
  'operator.markInvoicePaid': 'operator',
} as const satisfies Record<`operator.${string}`, Access>;
