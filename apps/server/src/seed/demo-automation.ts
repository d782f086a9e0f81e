import {
  automationActionSchema,
  automationConditionSchema,
  macroActionSchema,
  type AutomationAction,
  type AutomationCondition,
  type AutomationTrigger,
  type MacroAction,
} from '@perch/shared';
import type { Tx } from '../db/database.ts';
import { stableId } from './factories.ts';

/** Names the demo's brands, tags, teams and people, resolved to the ids the seed just wrote. */
interface Refs {
  tag: (brand: string, name: string) => string;
  team: (name: string) => string;
  user: (local: string) => string;
}

export interface DemoRule {
  brand: string;
  name: string;
  trigger: AutomationTrigger;
  conditions: AutomationCondition[];
  actions: AutomationAction[];
}

export interface DemoMacro {
  /** null: every brand of the organization (then no tag action). */
  brand: string | null;
  name: string;
  actions: MacroAction[];
}

const NEGATIVE_VIP: AutomationCondition[] = [
  { type: 'vip', vip: true },
  { type: 'sentiment', sentiments: ['negative'] },
];
/** What the simulator's spam bots write (src/sandbox/text-templates.ts), and the classic bait. */
const SPAM_BAIT: AutomationCondition[] = [
  { type: 'keywords', keywords: ['free followers', 'giveaway', 'airdrop', '10x returns', 'offerts'] },
];

/**
 * The demo's automation rules and macros per organization (docs/automation.md): what a manager would set up on
 * day one, so the simulator's traffic shows rules at work and agents have macros under `m`.
 */
const DEMO_AUTOMATION: Record<string, (r: Refs) => { rules: DemoRule[]; macros: DemoMacro[] }> = {
  'skyward-air': (r) => ({
    rules: [
      {
        brand: 'Skyward Air',
        name: 'Refund requests → Passenger care',
        trigger: 'mention_received',
        conditions: [{ type: 'keywords', keywords: ['refund', 'remboursement', 'rembourser'] }],
        actions: [
          { type: 'add_tag', tagId: r.tag('Skyward Air', 'refunds') },
          { type: 'assign_team', teamId: r.team('Passenger care') },
        ],
      },
      {
        brand: 'Skyward Air',
        name: 'VIP complaints are urgent',
        trigger: 'mention_received',
        conditions: NEGATIVE_VIP,
        actions: [
          { type: 'set_priority', priority: 'urgent' },
          { type: 'notify', userIds: [r.user('manager')] },
        ],
      },
      { brand: 'Skyward Air', name: 'Spam bait', trigger: 'mention_received', conditions: SPAM_BAIT, actions: spam() },
      {
        brand: 'Skyward Cargo',
        name: 'Shipment problems → Cargo desk',
        trigger: 'conversation_created',
        conditions: [{ type: 'keywords', keywords: ['shipment', 'colis', 'cargo', 'livraison'] }],
        actions: [
          { type: 'add_tag', tagId: r.tag('Skyward Cargo', 'shipments') },
          { type: 'assign_team', teamId: r.team('Cargo desk') },
        ],
      },
      {
        brand: 'Skyward Cargo',
        name: 'Spam bait',
        trigger: 'mention_received',
        conditions: SPAM_BAIT,
        actions: spam(),
      },
    ],
    macros: [
      {
        brand: 'Skyward Air',
        name: 'Refund handled',
        actions: [
          { type: 'add_tag', tagId: r.tag('Skyward Air', 'refunds') },
          { type: 'add_note', text: 'Refund issued; the customer was told it takes 5 to 7 days.' },
          { type: 'set_status', status: 'pending' },
        ],
      },
      {
        brand: 'Skyward Air',
        name: 'Escalate to Passenger care',
        actions: [
          { type: 'assign_team', teamId: r.team('Passenger care') },
          { type: 'set_priority', priority: 'high' },
        ],
      },
      {
        brand: 'Skyward Cargo',
        name: 'Shipment traced',
        actions: [
          { type: 'add_tag', tagId: r.tag('Skyward Cargo', 'shipments') },
          { type: 'add_note', text: 'Shipment traced; tracking details sent to the customer.' },
          { type: 'set_status', status: 'pending' },
        ],
      },
      { brand: null, name: 'Close as resolved', actions: [{ type: 'set_status', status: 'resolved' }] },
    ],
  }),
  'northwind-telecom': (r) => ({
    rules: [
      {
        brand: 'Northwind Telecom',
        name: 'Refund requests → Billing',
        trigger: 'mention_received',
        conditions: [{ type: 'keywords', keywords: ['refund', 'overcharged', 'charged twice', 'remboursement'] }],
        actions: [
          { type: 'add_tag', tagId: r.tag('Northwind Telecom', 'billing') },
          { type: 'assign_team', teamId: r.team('Billing') },
        ],
      },
      {
        brand: 'Northwind Telecom',
        name: 'VIP complaints are urgent',
        trigger: 'mention_received',
        conditions: NEGATIVE_VIP,
        actions: [
          { type: 'set_priority', priority: 'urgent' },
          { type: 'notify', userIds: [r.user('manager')] },
        ],
      },
      {
        brand: 'Northwind Telecom',
        name: 'Spam bait',
        trigger: 'mention_received',
        conditions: SPAM_BAIT,
        actions: spam(),
      },
    ],
    macros: [
      {
        brand: 'Northwind Telecom',
        name: 'Refund handled',
        actions: [
          { type: 'add_tag', tagId: r.tag('Northwind Telecom', 'billing') },
          { type: 'add_note', text: 'Refund issued; it shows on the next bill.' },
          { type: 'set_status', status: 'pending' },
        ],
      },
      {
        brand: 'Northwind Telecom',
        name: 'Escalate to network support',
        actions: [
          { type: 'assign_team', teamId: r.team('Network support') },
          { type: 'set_priority', priority: 'high' },
        ],
      },
      { brand: null, name: 'Close as resolved', actions: [{ type: 'set_status', status: 'resolved' }] },
    ],
  }),
};

function spam(): AutomationAction[] {
  return [{ type: 'mark_spam' }];
}

/**
 * Writes the organization's demo rules (in order per brand) and macros with stable ids. Every condition and
 * action goes through the shared schemas first, and every name must resolve, so the demo never stores a rule
 * the product would refuse.
 */
export async function seedDemoAutomation(
  tx: Tx,
  organizationId: string,
  slug: string,
  ids: { users: Map<string, string>; brands: Map<string, string> },
) {
  const spec = DEMO_AUTOMATION[slug];
  if (!spec) return;
  const [tags, teams] = await Promise.all([
    tx.tag.findMany({ where: { organizationId }, select: { id: true, brandId: true, name: true }, take: 500 }),
    tx.team.findMany({ where: { organizationId }, select: { id: true, name: true }, take: 500 }),
  ]);
  const brandId = (name: string) => must(ids.brands.get(name), `brand ${name}`);
  const { rules, macros } = spec({
    tag: (brand, name) =>
      must(tags.find((t) => t.brandId === brandId(brand) && t.name === name)?.id, `tag ${brand}/${name}`),
    team: (name) => must(teams.find((t) => t.name === name)?.id, `team ${name}`),
    user: (local) => must(ids.users.get(local), `person ${local}`),
  });
  const positions = new Map<string, number>();
  for (const rule of rules) {
    const brand = brandId(rule.brand);
    const position = positions.get(brand) ?? 0;
    positions.set(brand, position + 1);
    await tx.automationRule.create({
      data: {
        id: stableId(`automation-rule:${brand}:${rule.name}`),
        organizationId,
        brandId: brand,
        name: rule.name,
        trigger: rule.trigger,
        conditions: rule.conditions.map((c) => automationConditionSchema.parse(c)),
        actions: rule.actions.map((a) => automationActionSchema.parse(a)),
        position,
      },
      select: { id: true },
    });
  }
  for (const macro of macros) {
    await tx.macro.create({
      data: {
        id: stableId(`macro:${organizationId}:${macro.name}`),
        organizationId,
        brandId: macro.brand === null ? null : brandId(macro.brand),
        name: macro.name,
        actions: macro.actions.map((a) => macroActionSchema.parse(a)),
      },
      select: { id: true },
    });
  }
}

function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`demo seed: unknown ${what}`);
  return value;
}
