import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPLY_LIMITS } from '@perch/shared';
import { createTestDatabase } from '../../../test/test-database.ts';
import { callerFor, createTenant, type Caller, type TenantFixture } from '../../../test/harness.ts';
import { outcome } from '../../../test/procedure-samples.ts';
import { addMember, createUser } from '../../seed/factories.ts';
import { failure } from '../teams/workspace-settings.test-support.ts';

type CreateInput = Parameters<Caller['cannedReplies']['create']>[0];

describe('canned replies: per brand, with known variables only, managed by managers', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let a: TenantFixture;
  let b: TenantFixture;
  let manager: Caller;
  let agent: Caller;
  let org: { organizationId: string };
  let brandId: string;
  let otherBrandId: string;
  const create = (input: Omit<CreateInput, 'organizationId' | 'brandId'> & { brandId?: string }) =>
    manager.cannedReplies.create({ ...org, brandId, ...input });

  beforeAll(async () => {
    db = await createTestDatabase();
    a = await createTenant(db.prisma, 'Canned Air');
    b = await createTenant(db.prisma, 'Canned Telecom');
    manager = await callerFor(db.prisma, a.users.manager.userId);
    agent = await callerFor(db.prisma, a.users.agent.userId);
    org = { organizationId: a.organizationId };
    brandId = a.brandIds[0]!;
    otherBrandId = a.brandIds[1]!;
  });
  afterAll(() => db.dispose());

  it('creates, updates and deletes, with one audit row each holding before and after', async () => {
    const text = 'Bonjour {{customer.name}}, nous sommes désolés du retard. {{ agent.first_name }}';
    const canned = await create({ name: ' Retard — excuses ', shortcut: ' Retard ', text, language: 'fr' });
    expect(canned).toMatchObject({ brandId, name: 'Retard — excuses', shortcut: 'retard', text, language: 'fr' });
    expect(canned.useCount).toBe(0);
    const stored = await db.prisma.cannedReply.findUniqueOrThrow({ where: { id: canned.id } });
    expect(stored.createdByUserId).toBe(a.users.manager.userId);

    const changed = await manager.cannedReplies.update({
      ...org,
      cannedReplyId: canned.id,
      name: 'Delay apology',
      shortcut: null,
      text: 'Hi {{customer.handle}}, sorry for the wait.',
      language: 'en',
    });
    expect(changed).toMatchObject({ id: canned.id, name: 'Delay apology', shortcut: null, language: 'en' });
    expect(await manager.cannedReplies.delete({ ...org, cannedReplyId: canned.id })).toEqual({ id: canned.id });
    expect(await db.prisma.cannedReply.findUnique({ where: { id: canned.id } })).toBeNull();

    const audit = await db.prisma.auditLog.findMany({
      where: { organizationId: a.organizationId, targetId: canned.id },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    expect(audit.map((r) => r.action)).toEqual([
      'cannedReplies.create',
      'cannedReplies.update',
      'cannedReplies.delete',
    ]);
    expect(audit.every((r) => r.actorUserId === a.users.manager.userId && r.targetType === 'cannedReply')).toBe(true);
    expect(audit[0]!.after).toEqual({ brandId, name: 'Retard — excuses', shortcut: 'retard', text, language: 'fr' });
    expect(audit[1]).toMatchObject({
      before: { name: 'Retard — excuses', shortcut: 'retard' },
      after: { name: 'Delay apology', shortcut: null, text: 'Hi {{customer.handle}}, sorry for the wait.' },
    });
    expect(audit[2]).toMatchObject({ before: { name: 'Delay apology' }, after: null });
  });

  it('lists the brand’s canned replies by name, searching name, shortcut and text, case ignored', async () => {
    const t = await createTenant(db.prisma, 'Canned Search');
    const owner = await callerFor(db.prisma, t.users.owner.userId);
    const tAgent = await callerFor(db.prisma, t.users.agent.userId);
    const tOrg = { organizationId: t.organizationId, brandId: t.brandIds[0]! };
    const refund = await owner.cannedReplies.create({ ...tOrg, name: 'Refund process', text: 'Fill in the form.' });
    const booking = await owner.cannedReplies.create({
      ...tOrg,
      name: 'Ask for booking',
      shortcut: 'dm-booking',
      text: 'Please DM us your booking reference, {{customer.name}}.',
    });
    const merci = await owner.cannedReplies.create({
      ...tOrg,
      name: 'Merci',
      shortcut: 'merci',
      text: 'Merci pour vos mots 100% gentils !',
      language: 'fr',
    });
    await owner.cannedReplies.create({ ...tOrg, brandId: t.brandIds[1]!, name: 'Other brand', text: 'Refund' });

    const ids = async (input: { search?: string; language?: string }) =>
      (await tAgent.cannedReplies.list({ ...tOrg, ...input })).map((c) => c.id);
    expect(await ids({})).toEqual([booking.id, merci.id, refund.id]);
    expect(await ids({ search: 'REFUND' })).toEqual([refund.id]);
    expect(await ids({ search: 'dm-BOOK' })).toEqual([booking.id]);
    expect(await ids({ search: 'booking reference' })).toEqual([booking.id]);
    expect(await ids({ search: '  ' })).toEqual([booking.id, merci.id, refund.id]);
    expect(await ids({ language: 'fr' })).toEqual([merci.id]);
    expect(await ids({ search: 'refund', language: 'fr' })).toEqual([]);
    // Wildcards are searched as written.
    expect(await ids({ search: '%' })).toEqual([merci.id]);
    expect(await ids({ search: '_' })).toEqual([]);
    expect(await outcome(tAgent.cannedReplies.list({ ...tOrg, search: 'x'.repeat(101) }))).toBe('BAD_REQUEST');
  });

  it('agents list canned replies but do not manage them', async () => {
    const canned = await create({ name: 'Agents may read', text: 'Thanks!' });
    expect((await agent.cannedReplies.list({ ...org, brandId })).some((c) => c.id === canned.id)).toBe(true);
    expect(await outcome(agent.cannedReplies.create({ ...org, brandId, name: 'Nope', text: 'x' }))).toBe('FORBIDDEN');
    const edit = { ...org, cannedReplyId: canned.id, name: 'Mine', shortcut: null, text: 'x', language: 'en' };
    expect(await outcome(agent.cannedReplies.update(edit))).toBe('FORBIDDEN');
    expect(await outcome(agent.cannedReplies.delete({ ...org, cannedReplyId: canned.id }))).toBe('FORBIDDEN');
  });

  it('refuses an unknown variable, a bad shortcut and a bad language, naming the field', async () => {
    const unknown = await failure(create({ name: 'Unknown', text: 'Hi {{customer.first_name}}' }));
    expect(unknown.code).toBe('BAD_REQUEST');
    expect(unknown.message).toMatch(/unknown variable/);
    expect(unknown.message).toMatch(/text/);
    expect(await outcome(create({ name: 'Bad shortcut', shortcut: 'has space', text: 'x' }))).toBe('BAD_REQUEST');
    expect(await outcome(create({ name: 'Slash', shortcut: '/delay', text: 'x' }))).toBe('BAD_REQUEST');
    expect(await outcome(create({ name: 'Lang', text: 'x', language: 'french' }))).toBe('BAD_REQUEST');
    expect(await outcome(create({ name: 'x'.repeat(REPLY_LIMITS.cannedName + 1), text: 'x' }))).toBe('BAD_REQUEST');
    expect(await outcome(create({ name: 'Long', text: 'x'.repeat(REPLY_LIMITS.cannedText + 1) }))).toBe('BAD_REQUEST');
    const saved = await create({ name: 'Known', text: 'Hi {{customer.name}}' });
    const edit = { ...org, cannedReplyId: saved.id, name: 'Known', shortcut: null, language: 'en' };
    expect(await outcome(manager.cannedReplies.update({ ...edit, text: 'Hi {{ticket.id}}' }))).toBe('BAD_REQUEST');
    expect((await db.prisma.cannedReply.findUniqueOrThrow({ where: { id: saved.id } })).text).toBe(
      'Hi {{customer.name}}',
    );
  });

  it('refuses a second name (case ignored) or shortcut in the brand with CONFLICT naming the field', async () => {
    const first = await create({ name: 'Outage', shortcut: 'outage', text: 'We know, we are on it.' });
    const byName = await failure(create({ name: 'OUTAGE', shortcut: 'outage2', text: 'x' }));
    expect(byName).toEqual({ code: 'CONFLICT', message: 'This brand already has a canned reply named "Outage"' });
    const byShortcut = await failure(create({ name: 'Network down', shortcut: 'OUTAGE', text: 'x' }));
    expect(byShortcut).toEqual({
      code: 'CONFLICT',
      message: 'This brand already has a canned reply with the shortcut /outage',
    });
    // Another brand of the same organization has its own names and shortcuts.
    expect(await outcome(create({ brandId: otherBrandId, name: 'Outage', shortcut: 'outage', text: 'x' }))).toBe('OK');

    const second = await create({ name: 'Second', shortcut: 'second', text: 'x' });
    const edit = { ...org, cannedReplyId: second.id, text: 'x', language: 'en' };
    expect((await failure(manager.cannedReplies.update({ ...edit, name: 'outage', shortcut: null }))).code).toBe(
      'CONFLICT',
    );
    expect((await failure(manager.cannedReplies.update({ ...edit, name: 'Second', shortcut: 'outage' }))).message).toBe(
      'This brand already has a canned reply with the shortcut /outage',
    );
    // Keeping its own name and shortcut, or changing their case, is no conflict.
    const same = await manager.cannedReplies.update({
      ...org,
      cannedReplyId: first.id,
      name: 'OUTAGE',
      shortcut: 'outage',
      text: 'Still on it.',
      language: 'en',
    });
    expect(same).toMatchObject({ name: 'OUTAGE', shortcut: 'outage', text: 'Still on it.' });
  });

  it('two managers saving the same shortcut at once: one wins, the other gets CONFLICT', async () => {
    const owner = await callerFor(db.prisma, a.users.owner.userId);
    const results = await Promise.allSettled([
      create({ name: 'Race one', shortcut: 'race', text: 'x' }),
      owner.cannedReplies.create({ ...org, brandId, name: 'Race two', shortcut: 'race', text: 'y' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const lost = results.find((r) => r.status === 'rejected');
    expect((lost as PromiseRejectedResult).reason).toMatchObject({
      code: 'CONFLICT',
      message: 'This brand already has a canned reply with the shortcut /race',
    });
    expect(await db.prisma.cannedReply.count({ where: { organizationId: a.organizationId, shortcut: 'race' } })).toBe(
      1,
    );
  });

  it('caps a brand at its canned-reply limit', async () => {
    const t = await createTenant(db.prisma, 'Canned Limit');
    const tBrand = t.brandIds[0]!;
    await db.prisma.cannedReply.createMany({
      data: Array.from({ length: REPLY_LIMITS.cannedPerBrand }, (_, i) => ({
        organizationId: t.organizationId,
        brandId: tBrand,
        name: `Canned ${String(i).padStart(3, '0')}`,
        text: 'x',
      })),
    });
    const owner = await callerFor(db.prisma, t.users.owner.userId);
    const tOrg = { organizationId: t.organizationId };
    const over = await failure(owner.cannedReplies.create({ ...tOrg, brandId: tBrand, name: 'One more', text: 'x' }));
    expect(over).toEqual({
      code: 'BAD_REQUEST',
      message: `A brand can have at most ${REPLY_LIMITS.cannedPerBrand} canned replies`,
    });
    expect(await owner.cannedReplies.list({ ...tOrg, brandId: tBrand })).toHaveLength(REPLY_LIMITS.cannedPerBrand);
    expect(
      await outcome(owner.cannedReplies.create({ ...tOrg, brandId: t.brandIds[1]!, name: 'One more', text: 'x' })),
    ).toBe('OK');
  });

  it('a brand-restricted manager sees and manages only their brands’ canned replies', async () => {
    const user = await createUser(db.prisma, {
      email: 'restricted@canned.test',
      name: 'Restricted',
      password: 'x'.repeat(12),
    });
    await addMember(db.prisma, a.organizationId, user.id, 'manager', [otherBrandId]);
    const restricted = await callerFor(db.prisma, user.id);
    const main = await create({ name: 'Main only', shortcut: 'main-only', text: 'x' });
    const edit = { ...org, cannedReplyId: main.id, name: 'Hijack', shortcut: null, text: 'x', language: 'en' };
    expect(await outcome(restricted.cannedReplies.list({ ...org, brandId }))).toBe('NOT_FOUND');
    expect(await outcome(restricted.cannedReplies.update(edit))).toBe('NOT_FOUND');
    expect(await outcome(restricted.cannedReplies.delete({ ...org, cannedReplyId: main.id }))).toBe('NOT_FOUND');
    expect(await outcome(restricted.cannedReplies.create({ ...org, brandId, name: 'Into main', text: 'x' }))).toBe(
      'NOT_FOUND',
    );
    expect((await db.prisma.cannedReply.findUniqueOrThrow({ where: { id: main.id } })).name).toBe('Main only');
    const mine = await restricted.cannedReplies.create({ ...org, brandId: otherBrandId, name: 'Mine', text: 'x' });
    expect((await restricted.cannedReplies.list({ ...org, brandId: otherBrandId })).map((c) => c.id)).toContain(
      mine.id,
    );
  });

  it("another tenant's canned reply and brand read as missing, and stay unchanged", async () => {
    const bOwner = await callerFor(db.prisma, b.users.owner.userId);
    const bBrand = b.brandIds[0]!;
    const foreign = await bOwner.cannedReplies.create({
      organizationId: b.organizationId,
      brandId: bBrand,
      name: 'Foreign',
      shortcut: 'foreign',
      text: 'Hello from {{brand.name}}',
    });
    const edit = { ...org, cannedReplyId: foreign.id, name: 'Hijack', shortcut: null, text: 'x', language: 'en' };
    expect(await outcome(manager.cannedReplies.update(edit))).toBe('NOT_FOUND');
    expect(await outcome(manager.cannedReplies.delete({ ...org, cannedReplyId: foreign.id }))).toBe('NOT_FOUND');
    expect(await outcome(manager.cannedReplies.list({ ...org, brandId: bBrand }))).toBe('NOT_FOUND');
    expect(await outcome(manager.cannedReplies.create({ ...org, brandId: bBrand, name: 'Cross', text: 'x' }))).toBe(
      'NOT_FOUND',
    );
    // B's organization id with A's membership: not a member there.
    const asB = { organizationId: b.organizationId, brandId: bBrand };
    expect(await outcome(manager.cannedReplies.list(asB))).toBe('NOT_FOUND');
    const row = await db.prisma.cannedReply.findUniqueOrThrow({ where: { id: foreign.id } });
    expect(row).toMatchObject({ name: 'Foreign', shortcut: 'foreign', organizationId: b.organizationId });
    expect(await db.prisma.cannedReply.count({ where: { organizationId: a.organizationId, name: 'Cross' } })).toBe(0);
  });
});
