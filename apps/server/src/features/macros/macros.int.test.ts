import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTOMATION_LIMITS } from '@perch/shared';
import { createTestDatabase } from '../../../test/test-database.ts';
import { callerFor, createTenant, type Caller, type TenantFixture } from '../../../test/harness.ts';
import { outcome } from '../../../test/procedure-samples.ts';
import { addMember, createUser } from '../../seed/factories.ts';
import { createTagFixture, createTeamFixture } from '../conversations/conversations.testing.ts';
import { failure } from '../teams/workspace-settings.test-support.ts';

describe('macros: named sets of actions, managed by managers', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let a: TenantFixture;
  let b: TenantFixture;
  let manager: Caller;
  let agent: Caller;
  let org: { organizationId: string };
  let brandId: string;
  let otherBrandId: string;
  let tagId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    a = await createTenant(db.prisma, 'Macro Air');
    b = await createTenant(db.prisma, 'Macro Telecom');
    manager = await callerFor(db.prisma, a.users.manager.userId);
    agent = await callerFor(db.prisma, a.users.agent.userId);
    org = { organizationId: a.organizationId };
    brandId = a.brandIds[0]!;
    otherBrandId = a.brandIds[1]!;
    tagId = await createTagFixture(db.prisma, a.organizationId, brandId, 'refund');
  });
  afterAll(() => db.dispose());

  it('creates, updates and deletes, with one audit row each holding the actions', async () => {
    const actions = [
      { type: 'add_tag', tagId },
      { type: 'set_status', status: 'pending' },
    ] as const;
    const macro = await manager.macros.create({ ...org, brandId, name: ' Refund asked ', actions: [...actions] });
    expect(macro).toMatchObject({ brandId, name: 'Refund asked', actions });
    const renamed = await manager.macros.update({
      ...org,
      macroId: macro.id,
      name: 'Refund requested',
      actions: [{ type: 'add_note', text: 'Asked for the booking number' }],
    });
    expect(renamed).toMatchObject({ name: 'Refund requested', actions: [{ type: 'add_note' }] });
    expect(await manager.macros.delete({ ...org, macroId: macro.id })).toEqual({ id: macro.id });
    expect(await db.prisma.macro.findUnique({ where: { id: macro.id } })).toBeNull();

    const audit = await db.prisma.auditLog.findMany({
      where: { organizationId: a.organizationId, targetId: macro.id },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    expect(audit.map((r) => r.action)).toEqual(['macros.create', 'macros.update', 'macros.delete']);
    expect(audit[0]!.after).toEqual({ brandId, name: 'Refund asked', actions });
    expect(audit[1]).toMatchObject({ before: { name: 'Refund asked' }, after: { name: 'Refund requested' } });
  });

  it('lists what the member may use: organization-wide plus the brand’s, by name', async () => {
    const general = await manager.macros.create({
      ...org,
      name: 'Zz close',
      actions: [{ type: 'set_status', status: 'resolved' }],
    });
    const own = await manager.macros.create({
      ...org,
      brandId,
      name: 'Aa urgent',
      actions: [{ type: 'set_priority', priority: 'urgent' }],
    });
    const other = await manager.macros.create({
      ...org,
      brandId: otherBrandId,
      name: 'Mm other',
      actions: [{ type: 'unassign' }],
    });
    expect((await agent.macros.list(org)).map((m) => m.id)).toEqual([own.id, other.id, general.id]);
    expect((await agent.macros.list({ ...org, brandId })).map((m) => m.id)).toEqual([own.id, general.id]);
    expect((await agent.macros.list({ ...org, brandId: otherBrandId })).map((m) => m.id)).toEqual([
      other.id,
      general.id,
    ]);
    // Agents use macros but do not manage them.
    expect(await outcome(agent.macros.create({ ...org, name: 'Nope', actions: [{ type: 'unassign' }] }))).toBe(
      'FORBIDDEN',
    );
    expect(await outcome(agent.macros.delete({ ...org, macroId: own.id }))).toBe('FORBIDDEN');
  });

  it('refuses a second macro of the same name in the organization, case ignored (CONFLICT, clear message)', async () => {
    await manager.macros.create({
      ...org,
      brandId,
      name: 'Escalate',
      actions: [{ type: 'set_priority', priority: 'high' }],
    });
    const dup = await failure(
      manager.macros.create({ ...org, brandId: otherBrandId, name: 'ESCALATE', actions: [{ type: 'unassign' }] }),
    );
    expect(dup).toEqual({ code: 'CONFLICT', message: 'A macro named "Escalate" already exists' });
    const other = await manager.macros.create({ ...org, name: 'Calm down', actions: [{ type: 'unassign' }] });
    expect((await failure(manager.macros.update({ ...org, macroId: other.id, name: 'escalate' }))).code).toBe(
      'CONFLICT',
    );
    expect((await manager.macros.update({ ...org, macroId: other.id, name: 'Calm Down' })).name).toBe('Calm Down');
  });

  it('validates actions: tags need a brand and must be its own; teams must serve the brand', async () => {
    const noBrand = await failure(
      manager.macros.create({ ...org, name: 'Tag all', actions: [{ type: 'add_tag', tagId }] }),
    );
    expect(noBrand.code).toBe('BAD_REQUEST');
    expect(noBrand.message).toMatch(/Tags belong to one brand/);
    const wrongBrand = manager.macros.create({
      ...org,
      brandId: otherBrandId,
      name: 'Tag',
      actions: [{ type: 'add_tag', tagId }],
    });
    expect(await outcome(wrongBrand)).toBe('NOT_FOUND');
    const elsewhere = await createTeamFixture(db.prisma, a.organizationId, 'Other desk', [otherBrandId]);
    const team = await failure(
      manager.macros.create({ ...org, brandId, name: 'Team', actions: [{ type: 'assign_team', teamId: elsewhere }] }),
    );
    expect(team).toEqual({ code: 'BAD_REQUEST', message: 'The team Other desk does not handle this brand' });
    // For every brand, any team of the organization will do (it is checked again on each conversation).
    expect(
      await outcome(
        manager.macros.create({ ...org, name: 'Desk', actions: [{ type: 'assign_team', teamId: elsewhere }] }),
      ),
    ).toBe('OK');
    const tagged = await manager.macros.create({
      ...org,
      brandId,
      name: 'Tagged',
      actions: [{ type: 'remove_tag', tagId }],
    });
    // Making it organization-wide would leave a tag without its brand.
    expect((await failure(manager.macros.update({ ...org, macroId: tagged.id, brandId: null }))).code).toBe(
      'BAD_REQUEST',
    );
    expect(await outcome(manager.macros.create({ ...org, name: 'Empty', actions: [] }))).toBe('BAD_REQUEST');
    const tooMany = Array.from({ length: AUTOMATION_LIMITS.actionsPerMacro + 1 }, () => ({
      type: 'unassign' as const,
    }));
    expect(await outcome(manager.macros.create({ ...org, name: 'Long', actions: tooMany }))).toBe('BAD_REQUEST');
    expect(
      await outcome(
        manager.macros.create({
          ...org,
          name: 'x'.repeat(AUTOMATION_LIMITS.macroName + 1),
          actions: [{ type: 'unassign' }],
        }),
      ),
    ).toBe('BAD_REQUEST');
  });

  it('re-reads stored actions with the schema: an action it no longer knows is left out', async () => {
    const row = await db.prisma.macro.create({
      data: {
        organizationId: a.organizationId,
        name: 'Old shape',
        actions: [{ type: 'teleport' }, { type: 'set_priority', priority: 'low' }],
      },
    });
    const listed = (await agent.macros.list(org)).find((m) => m.id === row.id);
    expect(listed?.actions).toEqual([{ type: 'set_priority', priority: 'low' }]);
  });

  it('caps the organization at its macro limit', async () => {
    const t = await createTenant(db.prisma, 'Macro Limit');
    const count = await db.prisma.macro.count({ where: { organizationId: t.organizationId } });
    await db.prisma.macro.createMany({
      data: Array.from({ length: AUTOMATION_LIMITS.macrosPerOrganization - count }, (_, i) => ({
        organizationId: t.organizationId,
        name: `Macro ${i}`,
        actions: [{ type: 'unassign' }],
      })),
    });
    const owner = await callerFor(db.prisma, t.users.owner.userId);
    const over = await failure(
      owner.macros.create({ organizationId: t.organizationId, name: 'One more', actions: [{ type: 'unassign' }] }),
    );
    expect(over).toEqual({
      code: 'BAD_REQUEST',
      message: `An organization can have at most ${AUTOMATION_LIMITS.macrosPerOrganization} macros`,
    });
  });

  it('a brand-restricted manager sees and manages only their brands’ macros, and uses the organization’s', async () => {
    const user = await createUser(db.prisma, {
      email: 'restricted@macros.test',
      name: 'Restricted',
      password: 'x'.repeat(12),
    });
    await addMember(db.prisma, a.organizationId, user.id, 'manager', [otherBrandId]);
    const restricted = await callerFor(db.prisma, user.id);
    const mainMacro = await manager.macros.create({
      ...org,
      brandId,
      name: 'Main only',
      actions: [{ type: 'unassign' }],
    });
    const general = await manager.macros.create({ ...org, name: 'For all', actions: [{ type: 'unassign' }] });
    const visible = await restricted.macros.list(org);
    expect(visible.some((m) => m.id === general.id)).toBe(true);
    expect(visible.every((m) => m.brandId === null || m.brandId === otherBrandId)).toBe(true);
    expect(await outcome(restricted.macros.list({ ...org, brandId }))).toBe('NOT_FOUND');
    expect(await outcome(restricted.macros.update({ ...org, macroId: mainMacro.id, name: 'Hijack' }))).toBe(
      'NOT_FOUND',
    );
    expect(await outcome(restricted.macros.delete({ ...org, macroId: mainMacro.id }))).toBe('NOT_FOUND');
    expect(
      await outcome(restricted.macros.create({ ...org, brandId, name: 'Into main', actions: [{ type: 'unassign' }] })),
    ).toBe('NOT_FOUND');
    // A macro for every brand reaches beyond their brands: usable, not theirs to change.
    expect(await outcome(restricted.macros.update({ ...org, macroId: general.id, name: 'Mine now' }))).toBe(
      'FORBIDDEN',
    );
    expect(
      await outcome(restricted.macros.create({ ...org, name: 'Everywhere', actions: [{ type: 'unassign' }] })),
    ).toBe('FORBIDDEN');
    const mine = await restricted.macros.create({
      ...org,
      brandId: otherBrandId,
      name: 'Other brand',
      actions: [{ type: 'unassign' }],
    });
    expect(await outcome(restricted.macros.update({ ...org, macroId: mine.id, brandId }))).toBe('NOT_FOUND');
  });

  it("another tenant's macro, brand, tag and team read as missing, and stay unchanged", async () => {
    const bOwner = await callerFor(db.prisma, b.users.owner.userId);
    const bOrg = { organizationId: b.organizationId };
    const foreign = await bOwner.macros.create({ ...bOrg, name: 'Foreign', actions: [{ type: 'unassign' }] });
    const foreignTag = await createTagFixture(db.prisma, b.organizationId, b.brandIds[0]!, 'foreign');
    const foreignTeam = await createTeamFixture(db.prisma, b.organizationId, 'Foreign desk');
    expect(await outcome(manager.macros.update({ ...org, macroId: foreign.id, name: 'Hijack' }))).toBe('NOT_FOUND');
    expect(await outcome(manager.macros.delete({ ...org, macroId: foreign.id }))).toBe('NOT_FOUND');
    expect(await outcome(manager.macros.list({ ...org, brandId: b.brandIds[0]! }))).toBe('NOT_FOUND');
    const create = (brand: string | null, actions: Parameters<Caller['macros']['create']>[0]['actions']) =>
      outcome(manager.macros.create({ ...org, brandId: brand, name: 'Cross', actions }));
    expect(await create(b.brandIds[0]!, [{ type: 'unassign' }])).toBe('NOT_FOUND');
    expect(await create(brandId, [{ type: 'add_tag', tagId: foreignTag }])).toBe('NOT_FOUND');
    expect(
      await create(brandId, [
        { type: 'add_tag', tagId },
        { type: 'add_tag', tagId: foreignTag },
      ]),
    ).toBe('NOT_FOUND');
    expect(await create(null, [{ type: 'assign_team', teamId: foreignTeam }])).toBe('NOT_FOUND');
    expect(await db.prisma.macro.findUnique({ where: { id: foreign.id } })).toMatchObject({ name: 'Foreign' });
    expect(await db.prisma.macro.count({ where: { organizationId: a.organizationId, name: 'Cross' } })).toBe(0);
  });
});
