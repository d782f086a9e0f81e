import { z } from 'zod';
import type { Feature } from '@perch/shared';
import type { DbOrTx } from '../../db/database.ts';
import { organizationEntitlements, requireFeature } from './entitlements.ts';

/**
 * Which procedures need which feature, on which brands (docs/billing.md, "Gates"). The organization middleware
 * (trpc/init.ts) runs `checkGate` after the role check, so an agent still hears FORBIDDEN before PAYMENT_REQUIRED.
 * Turning a feature off, removing a rule or reading settings is never gated: a brand that downgraded can clean up.
 *
 * `brands` reads the raw input defensively (it runs before validation): a missing or malformed id skips the gate,
 * and validation then answers. A brand of another organization is skipped too, and the service answers NOT_FOUND.
 */
export interface Gate {
  feature: Feature;
  brands(args: { db: DbOrTx; organizationId: string; memberBrandIds: string[]; input: unknown }): Promise<string[]>;
}

const id = z.uuid();
const field = (input: unknown, key: string): unknown =>
  input && typeof input === 'object' ? (input as Record<string, unknown>)[key] : undefined;
const idIn = (input: unknown, key: string): string | null => {
  const parsed = id.safeParse(field(input, key));
  return parsed.success ? parsed.data : null;
};

/** The brand named by `brandId`. */
const byBrandId =
  (when?: (input: unknown) => boolean): Gate['brands'] =>
  ({ input }) => {
    if (when && !when(input)) return Promise.resolve([]);
    const brandId = idIn(input, 'brandId');
    return Promise.resolve(brandId ? [brandId] : []);
  };

/**
 * Multi-brand reads (advanced analytics): brands listed must each include the feature; with none listed, the read
 * covers the brands the member sees that include it (the service leaves the others out: brandsEntitledTo), so the
 * gate only needs one of them to.
 */
const listedOrAny =
  (read: (input: unknown) => unknown): Gate['brands'] =>
  async (args) => {
    const listed = z
      .array(id)
      .max(200)
      .safeParse(read(args.input) ?? []);
    if (!listed.success) return [];
    return listed.data.length > 0 ? listed.data : anyEntitled(args, 'advanced_analytics');
  };

/** One brand the member sees whose plan has `feature`, or (none has it) the first one, to answer PAYMENT_REQUIRED. */
async function anyEntitled(
  { db, organizationId, memberBrandIds }: Parameters<Gate['brands']>[0],
  feature: Feature,
): Promise<string[]> {
  const all = await organizationEntitlements(db, organizationId);
  const visible = memberBrandIds.length > 0 ? memberBrandIds : [...all.keys()];
  const entitled = visible.find((b) => all.get(b)?.features.includes(feature));
  return entitled ? [entitled] : visible.slice(0, 1);
}

const automationRuleBrand: Gate['brands'] = async ({ db, organizationId, input }) => {
  const ruleId = idIn(input, 'ruleId');
  if (!ruleId) return [];
  const rule = await db.automationRule.findFirst({ where: { id: ruleId, organizationId }, select: { brandId: true } });
  return rule ? [rule.brandId] : [];
};

const keywordRuleBrand: Gate['brands'] = async ({ db, organizationId, input }) => {
  const ruleId = idIn(input, 'ruleId');
  if (!ruleId) return [];
  const rule = await db.keywordRule.findFirst({ where: { id: ruleId, organizationId }, select: { brandId: true } });
  return rule ? [rule.brandId] : [];
};

/**
 * An organization-wide switch of a per-brand feature (a member's replies wait for approval): allowed when at least
 * one brand's plan has the feature; the feature then applies on those brands only (the enforcement checks the brand).
 */
const anyBrandWith =
  (feature: Feature, when: (input: unknown) => boolean): Gate['brands'] =>
  (args) =>
    when(args.input) ? anyEntitled(args, feature) : Promise.resolve([]);

const reportBrands = listedOrAny((input) => field(field(input, 'filters'), 'brandIds'));

export const GATES: Record<string, Gate> = {
  'routing.setMode': { feature: 'auto_assignment', brands: byBrandId((i) => field(i, 'mode') !== 'manual') },
  'sla.savePolicy': { feature: 'sla_policies', brands: byBrandId() },
  'replies.setBrandApproval': {
    feature: 'approvals',
    brands: byBrandId((i) => field(i, 'requiresApproval') === true),
  },
  'replies.setMemberApproval': {
    feature: 'approvals',
    brands: anyBrandWith('approvals', (i) => field(i, 'needsApproval') === true),
  },
  'automation.create': { feature: 'automation_rules', brands: byBrandId() },
  'automation.update': { feature: 'automation_rules', brands: automationRuleBrand },
  'automation.reorder': { feature: 'automation_rules', brands: byBrandId() },
  'rules.createKeywordRule': { feature: 'vip_keyword_rules', brands: byBrandId() },
  'rules.updateKeywordRule': { feature: 'vip_keyword_rules', brands: keywordRuleBrand },
  'rules.reorderKeywordRules': { feature: 'vip_keyword_rules', brands: byBrandId() },
  'rules.addVip': { feature: 'vip_keyword_rules', brands: byBrandId() },
  'dashboards.breakdown': { feature: 'advanced_analytics', brands: listedOrAny((i) => field(i, 'brandIds')) },
  'reports.create': { feature: 'advanced_analytics', brands: reportBrands },
  'reports.update': { feature: 'advanced_analytics', brands: reportBrands },
  'reports.sendNow': { feature: 'advanced_analytics', brands: listedOrAny(() => []) },
};

/** Runs the gate of `path`, if it has one: PAYMENT_REQUIRED for the first brand whose plan lacks the feature. */
export async function checkGate(
  db: DbOrTx,
  path: string,
  member: { organizationId: string; brandIds: string[] },
  input: unknown,
) {
  const gate = GATES[path];
  if (!gate) return;
  const brands = await gate.brands({
    db,
    organizationId: member.organizationId,
    memberBrandIds: member.brandIds,
    input,
  });
  for (const brandId of brands) await requireFeature(db, member.organizationId, brandId, gate.feature);
}
