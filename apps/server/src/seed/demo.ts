import type { KeywordMatchMode, Priority, Role, RuleLanguage } from '@perch/shared';
import type { Db, Tx } from '../db/database.ts';
import { seedDemoOpenInvoice } from './demo-billing.ts';
import { seedDemoHistory, type HistoryOptions } from './demo-history.ts';
import { seedDemoOverQuota } from './demo-quota.ts';
import { seedDemoWorkspace, type DemoShift, type DemoTeam } from './demo-workspace.ts';
import { addMember, createBrand, createOrganization, createUser, stableId, subscribeBrand } from './factories.ts';

export const DEMO_PASSWORD = 'perch-demo-2026';

interface DemoKeywordRule {
  phrase: string;
  matchMode?: KeywordMatchMode;
  language?: RuleLanguage;
  tag?: string;
  priority?: Priority;
}

interface DemoBrand {
  name: string;
  handle: string;
  /** The brand's plan (docs/billing.md); none: Free. */
  plan?: 'pro' | 'enterprise';
  /** Brand keyword rules and VIP handles (docs/enrichment.md), written by the org's manager. */
  keywordRules?: DemoKeywordRule[];
  vips?: { username: string; note: string }[];
}

interface DemoOrg {
  name: string;
  slug: string;
  domain: string;
  timeZone: string;
  locale: string;
  brands: DemoBrand[];
  people: { role: Role; name: string; local: string }[];
  teams: DemoTeam[];
  shifts: DemoShift[];
  /** Tags beyond those of the keyword rules. */
  tags: { brand: string; name: string; color: string }[];
}

/** The demo tenants (issue #2). Deterministic: same ids, emails and names on every run. */
export const DEMO_ORGS: DemoOrg[] = [
  {
    name: 'Skyward Air',
    slug: 'skyward-air',
    domain: 'skyward.example',
    timeZone: 'Europe/Paris',
    locale: 'fr',
    brands: [
      {
        name: 'Skyward Air',
        handle: 'SkywardAir',
        plan: 'enterprise',
        keywordRules: [
          { phrase: 'cancelled', tag: 'cancellations', priority: 'urgent' },
          { phrase: 'annulé', language: 'fr', tag: 'cancellations', priority: 'urgent' },
          { phrase: 'lost bag', tag: 'baggage', priority: 'high' },
          { phrase: 'lost luggage', tag: 'baggage', priority: 'high' },
          { phrase: 'bagage perdu', language: 'fr', tag: 'baggage', priority: 'high' },
          { phrase: 'valise perdue', language: 'fr', tag: 'baggage', priority: 'high' },
          { phrase: 'refund', matchMode: 'phrase', tag: 'refunds' },
          { phrase: 'rembourse', matchMode: 'phrase', language: 'fr', tag: 'refunds' },
        ],
        // A name the simulator's French crowd uses (src/sandbox/customers.ts: first name + last name).
        vips: [{ username: 'CamilleMartin', note: 'Platinum frequent flyer' }],
      },
      // On Free: the billing demo upgrades it (docs/billing.md).
      { name: 'Skyward Cargo', handle: 'SkywardCargo' },
    ],
    people: [
      { role: 'owner', name: 'Hélène Marchand', local: 'owner' },
      { role: 'manager', name: 'Julien Moreau', local: 'manager' },
      { role: 'billing_admin', name: 'Sophie Laurent', local: 'billing' },
      { role: 'agent', name: 'Camille Durand', local: 'agent1' },
      { role: 'agent', name: 'Lucas Bernard', local: 'agent2' },
      { role: 'agent', name: 'Chloé Petit', local: 'agent3' },
      { role: 'agent', name: 'Hugo Robert', local: 'agent4' },
    ],
    teams: [
      { name: 'Passenger care', members: ['agent1', 'agent2', 'agent3'], brands: ['Skyward Air'] },
      { name: 'Cargo desk', members: ['agent4', 'manager'], brands: ['Skyward Cargo'] },
    ],
    shifts: [
      { local: 'agent1', availability: 'online', capacity: 8 },
      { local: 'agent2', availability: 'online', capacity: 8 },
      { local: 'agent3', availability: 'away', capacity: 6 },
      { local: 'agent4', availability: 'offline', capacity: 5 },
    ],
    tags: [
      { brand: 'Skyward Air', name: 'delays', color: '#d97706' },
      { brand: 'Skyward Air', name: 'praise', color: '#16a34a' },
      { brand: 'Skyward Cargo', name: 'shipments', color: '#2563eb' },
    ],
  },
  {
    name: 'Northwind Telecom',
    slug: 'northwind-telecom',
    domain: 'northwind.example',
    timeZone: 'America/New_York',
    locale: 'en',
    brands: [{ name: 'Northwind Telecom', handle: 'NorthwindCares', plan: 'enterprise' }],
    people: [
      { role: 'owner', name: 'Olivia Carter', local: 'owner' },
      { role: 'manager', name: 'Marcus Reed', local: 'manager' },
      { role: 'billing_admin', name: 'Priya Shah', local: 'billing' },
      { role: 'agent', name: 'Ethan Brooks', local: 'agent1' },
      { role: 'agent', name: 'Maya Patel', local: 'agent2' },
      { role: 'agent', name: 'Noah Kim', local: 'agent3' },
      { role: 'agent', name: 'Ava Johnson', local: 'agent4' },
    ],
    teams: [
      { name: 'Network support', members: ['agent1', 'agent2'] },
      { name: 'Billing', members: ['agent3', 'agent4'] },
    ],
    shifts: [
      { local: 'agent1', availability: 'online', capacity: 10 },
      { local: 'agent2', availability: 'online', capacity: 10 },
      { local: 'agent3', availability: 'online', capacity: 10 },
      { local: 'agent4', availability: 'away', capacity: 10 },
    ],
    tags: [
      { brand: 'Northwind Telecom', name: 'outage', color: '#dc2626' },
      { brand: 'Northwind Telecom', name: 'billing', color: '#7c3aed' },
      { brand: 'Northwind Telecom', name: 'praise', color: '#16a34a' },
    ],
  },
];

export const demoEmail = (org: DemoOrg, local: string) => `${local}@${org.domain}`;
const demoSlugs = () => DEMO_ORGS.map((o) => o.slug);

/**
 * Seeds the demo organizations unless they exist. With `history` (the demo server and `pnpm db:seed`), then their
 * weeks of past conversations unless already there (demo-history.ts); tests that only need the organizations skip
 * it, as it costs seconds. Returns whether the organizations were written.
 */
export async function seedDemo(db: Db, options: { history?: HistoryOptions } = {}): Promise<boolean> {
  const { history } = options;
  const present = await db.organization.findUnique({ where: { slug: DEMO_ORGS[0]!.slug }, select: { id: true } });
  if (present) {
    if (history) await seedDemoHistory(db, demoSlugs(), history);
    return false;
  }
  await db.$transaction(
    async (tx) => {
      for (const spec of DEMO_ORGS) {
        const org = await createOrganization(tx, { name: spec.name, slug: spec.slug });
        await tx.organization.update({
          where: { id: org.id },
          data: { currency: spec.timeZone.startsWith('America') ? 'USD' : 'EUR' },
          select: { id: true },
        });
        const brands = [];
        for (const b of spec.brands) {
          const brand = await createBrand(tx, org.id, {
            name: b.name,
            handle: b.handle,
            timeZone: spec.timeZone,
            locale: spec.locale,
          });
          if (b.plan) await subscribeBrand(tx, org.id, brand.id, b.plan, b.plan === 'enterprise' ? 25 : 8);
          brands.push({ ...b, id: brand.id });
        }
        const userIds = new Map<string, string>();
        const membershipIds = new Map<string, string>();
        for (const p of spec.people) {
          const user = await createUser(tx, {
            email: demoEmail(spec, p.local),
            name: p.name,
            password: DEMO_PASSWORD,
            locale: spec.locale,
          });
          userIds.set(p.local, user.id);
          membershipIds.set(p.local, (await addMember(tx, org.id, user.id, p.role)).id);
        }
        const author = userIds.get('manager') ?? userIds.get('owner')!;
        for (const brand of brands) await seedBrandRules(tx, org.id, brand, author);
        await seedDemoWorkspace(tx, org.id, spec, {
          users: userIds,
          memberships: membershipIds,
          brands: new Map(brands.map((b) => [b.name, b.id])),
        });
        // One open invoice in the demo (Northwind's month), for the operator console to mark paid.
        if (spec.slug === 'northwind-telecom') await seedDemoOpenInvoice(tx, org.id, brands[0]!);
        // Skyward Cargo (Free) over its quota this month, a dozen mentions held (docs/billing.md).
        const cargo = brands.find((b) => b.name === 'Skyward Cargo');
        if (cargo) {
          const told = [userIds.get('owner'), userIds.get('billing')].filter((id): id is string => Boolean(id));
          await seedDemoOverQuota(tx, org.id, cargo, told);
        }
      }
      await createUser(tx, {
        email: 'operator@perch.example',
        name: 'Perch Operator',
        password: DEMO_PASSWORD,
        isPlatformOperator: true,
      });
    },
    { timeout: 60_000 },
  );
  if (history) await seedDemoHistory(db, demoSlugs(), history);
  return true;
}

/** The brand's keyword rules (in order), their tags and its VIP handles, with stable ids. */
async function seedBrandRules(tx: Tx, organizationId: string, brand: DemoBrand & { id: string }, authorId: string) {
  const tagIds = new Map<string, string>();
  for (const name of new Set((brand.keywordRules ?? []).flatMap((r) => (r.tag ? [r.tag] : [])))) {
    const id = stableId(`tag:${brand.id}:${name}`);
    await tx.tag.create({ data: { id, organizationId, brandId: brand.id, name }, select: { id: true } });
    tagIds.set(name, id);
  }
  for (const [position, rule] of (brand.keywordRules ?? []).entries()) {
    await tx.keywordRule.create({
      data: {
        id: stableId(`keyword-rule:${brand.id}:${rule.phrase}`),
        organizationId,
        brandId: brand.id,
        phrase: rule.phrase,
        matchMode: rule.matchMode ?? 'word',
        language: rule.language ?? null,
        tagId: rule.tag ? (tagIds.get(rule.tag) ?? null) : null,
        priority: rule.priority ?? null,
        position,
        createdByUserId: authorId,
      },
      select: { id: true },
    });
  }
  for (const vip of brand.vips ?? []) {
    const username = vip.username.toLowerCase();
    await tx.vipHandle.create({
      data: {
        id: stableId(`vip:${brand.id}:x:${username}`),
        organizationId,
        brandId: brand.id,
        network: 'x',
        username,
        note: vip.note,
        createdByUserId: authorId,
      },
      select: { id: true },
    });
  }
}

export function demoSignIns(): string[] {
  return DEMO_ORGS.flatMap((org) =>
    org.people
      .filter((p) => p.local === 'owner' || p.local === 'manager' || p.local === 'agent1' || p.local === 'billing')
      .map((p) => `${org.name.padEnd(18)} ${p.role.padEnd(14)} ${demoEmail(org, p.local)}`),
  );
}
