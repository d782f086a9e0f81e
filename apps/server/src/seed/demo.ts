import type { Role } from '@perch/shared';
import type { Db } from '../db/database.ts';
import { addMember, createBrand, createOrganization, createUser } from './factories.ts';

export const DEMO_PASSWORD = 'perch-demo-2026';

interface DemoOrg {
  name: string;
  slug: string;
  domain: string;
  timeZone: string;
  locale: string;
  brands: { name: string; handle: string }[];
  people: { role: Role; name: string; local: string }[];
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
      { name: 'Skyward Air', handle: 'SkywardAir' },
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
  },
  {
    name: 'Northwind Telecom',
    slug: 'northwind-telecom',
    domain: 'northwind.example',
    timeZone: 'America/New_York',
    locale: 'en',
    brands: [{ name: 'Northwind Telecom', handle: 'NorthwindCares' }],
    people: [
      { role: 'owner', name: 'Olivia Carter', local: 'owner' },
      { role: 'manager', name: 'Marcus Reed', local: 'manager' },
      { role: 'billing_admin', name: 'Priya Shah', local: 'billing' },
      { role: 'agent', name: 'Ethan Brooks', local: 'agent1' },
      { role: 'agent', name: 'Maya Patel', local: 'agent2' },
      { role: 'agent', name: 'Noah Kim', local: 'agent3' },
      { role: 'agent', name: 'Ava Johnson', local: 'agent4' },
    ],
  },
];

export const demoEmail = (org: DemoOrg, local: string) => `${local}@${org.domain}`;

/** Seeds the demo organizations unless they exist. Returns whether anything was written. */
export async function seedDemo(db: Db): Promise<boolean> {
  const present = await db.organization.findUnique({ where: { slug: DEMO_ORGS[0]!.slug }, select: { id: true } });
  if (present) return false;
  await db.$transaction(
    async (tx) => {
      for (const spec of DEMO_ORGS) {
        const org = await createOrganization(tx, { name: spec.name, slug: spec.slug });
        await tx.organization.update({
          where: { id: org.id },
          data: { currency: spec.timeZone.startsWith('America') ? 'USD' : 'EUR' },
          select: { id: true },
        });
        for (const b of spec.brands) {
          await createBrand(tx, org.id, {
            name: b.name,
            handle: b.handle,
            timeZone: spec.timeZone,
            locale: spec.locale,
          });
        }
        for (const p of spec.people) {
          const user = await createUser(tx, {
            email: demoEmail(spec, p.local),
            name: p.name,
            password: DEMO_PASSWORD,
            locale: spec.locale,
          });
          await addMember(tx, org.id, user.id, p.role);
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
  return true;
}

export function demoSignIns(): string[] {
  return DEMO_ORGS.flatMap((org) =>
    org.people
      .filter((p) => p.local === 'owner' || p.local === 'manager' || p.local === 'agent1' || p.local === 'billing')
      .map((p) => `${org.name.padEnd(18)} ${p.role.padEnd(14)} ${demoEmail(org, p.local)}`),
  );
}
