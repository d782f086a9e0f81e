import { createHash } from 'node:crypto';
import type { Role } from '@perch/shared';
import type { DbOrTx } from '../db/database.ts';
import { hashPassword } from '../features/auth/password.ts';

/**
 * Factories shared by the tests and the demo seed. `stableId(name)` gives the same UUID for the same name on
 * every run (version 8, RFC 9562 "custom"), so the demo and its links are deterministic.
 */
export function stableId(name: string): string {
  const h = createHash('sha256').update(`perch:${name}`).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const hashes = new Map<string, Promise<string>>();
/** Argon2 is deliberately slow: hash each distinct password once per process. */
export function passwordHashFor(password: string): Promise<string> {
  let h = hashes.get(password);
  if (!h) hashes.set(password, (h = hashPassword(password)));
  return h;
}

export async function createOrganization(db: DbOrTx, input: { name: string; slug?: string; id?: string }) {
  const slug =
    input.slug ??
    input.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
  return db.organization.create({
    data: { id: input.id ?? stableId(`org:${slug}`), name: input.name, slug },
    select: { id: true, name: true, slug: true },
  });
}

export async function createUser(
  db: DbOrTx,
  input: { email: string; name: string; password: string; locale?: string; isPlatformOperator?: boolean },
) {
  const email = input.email.toLowerCase();
  return db.user.create({
    data: {
      id: stableId(`user:${email}`),
      email,
      name: input.name,
      passwordHash: await passwordHashFor(input.password),
      locale: input.locale ?? 'en',
      isPlatformOperator: input.isPlatformOperator ?? false,
    },
    select: { id: true, email: true, name: true },
  });
}

export function addMember(db: DbOrTx, organizationId: string, userId: string, role: Role, brandIds: string[] = []) {
  return db.membership.create({
    data: { id: stableId(`membership:${organizationId}:${userId}`), organizationId, userId, role, brandIds },
    select: { id: true, role: true },
  });
}

export function createBrand(
  db: DbOrTx,
  organizationId: string,
  input: { name: string; handle?: string; timeZone: string; locale?: string; id?: string },
) {
  return db.brand.create({
    data: {
      id: input.id ?? stableId(`brand:${organizationId}:${input.name}`),
      organizationId,
      name: input.name,
      handle: input.handle ?? null,
      timeZone: input.timeZone,
      locale: input.locale ?? 'en',
    },
    select: { id: true, name: true },
  });
}

/**
 * Puts a brand on a paid plan, active for the current calendar month (tests and the demo; the billing service is
 * how users do it). Free needs no row: a brand without a subscription is on Free.
 */
export async function subscribeBrand(
  db: DbOrTx,
  organizationId: string,
  brandId: string,
  planId: 'pro' | 'enterprise',
  seats?: number,
) {
  const now = new Date();
  const plan = await db.plan.findUniqueOrThrow({ where: { id: planId }, select: { includedSeats: true } });
  return db.subscription.create({
    data: {
      organizationId,
      brandId,
      planId,
      state: 'active',
      seats: seats ?? plan.includedSeats,
      currentPeriodStart: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)),
      currentPeriodEnd: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)),
      version: 1,
    },
    select: { id: true },
  });
}
