import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MacroAction } from '@perch/shared';
import { createTestDatabase } from '../../../test/test-database.ts';
import { callerFor, createTenant, startTestServices, type Caller, type TenantFixture } from '../../../test/harness.ts';
import { outcome } from '../../../test/procedure-samples.ts';
import { addMember, createUser } from '../../seed/factories.ts';
import { QUEUES } from '../../queue/queue.ts';
import {
  createConversationFixture,
  createTagFixture,
  createTeamFixture,
} from '../conversations/conversations.testing.ts';
import { failure } from '../teams/workspace-settings.test-support.ts';

describe('macros: applying one to a conversation', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let services: Awaited<ReturnType<typeof startTestServices>>;
  let a: TenantFixture;
  let b: TenantFixture;
  let agent: Caller;
  let manager: Caller;
  let brandId: string;
  let tagId: string;
  let teamId: string;
  const org = () => ({ organizationId: a.organizationId });
  const fresh = (input: Partial<Parameters<typeof createConversationFixture>[1]> = {}) =>
    createConversationFixture(db.prisma, { organizationId: a.organizationId, brandId, ...input });
  let n = 0;
  const macro = (actions: MacroAction[], brand: string | null = brandId) =>
    manager.macros.create({ ...org(), brandId: brand, name: `Macro ${++n}`, actions });
  const state = (id: string) => db.prisma.conversation.findUniqueOrThrow({ where: { id } });
  const eventsOf = (conversationId: string) =>
    db.prisma.conversationEvent.findMany({ where: { conversationId }, orderBy: { id: 'asc' } });

  beforeAll(async () => {
    db = await createTestDatabase();
    services = await startTestServices(db);
    a = await createTenant(db.prisma, 'Apply Air');
    b = await createTenant(db.prisma, 'Apply Telecom');
    agent = await callerFor(db.prisma, a.users.agent.userId);
    manager = await callerFor(db.prisma, a.users.manager.userId);
    brandId = a.brandIds[0]!;
    tagId = await createTagFixture(db.prisma, a.organizationId, brandId, 'refund');
    teamId = await createTeamFixture(db.prisma, a.organizationId, 'Refund desk', [brandId]);
  });
  afterAll(async () => {
    await services.stop();
    await db.dispose();
  });

  it('applies every action at once: one version step, one event each, one audit row, the note by the agent', async () => {
    const c = await fresh({ status: 'new' });
    const m = await macro([
      { type: 'add_tag', tagId },
      { type: 'set_priority', priority: 'urgent' },
      { type: 'set_status', status: 'pending' },
      { type: 'assign_team', teamId },
      { type: 'assign_self' },
      { type: 'add_note', text: 'Refund asked, @lea waiting for the booking number' },
    ]);
    const result = await agent.macros.run({
      ...org(),
      macroId: m.id,
      conversationId: c.conversationId,
      expectedVersion: 0,
    });
    expect(result).toMatchObject({
      version: 1,
      status: 'pending',
      priority: 'urgent',
      tagIds: [tagId],
      teamId,
      assigneeUserId: a.users.agent.userId,
    });
    const events = await eventsOf(c.conversationId);
    expect(events.map((e) => e.type)).toEqual([
      'macro_applied',
      'tags_changed',
      'priority_changed',
      'status_changed',
      'team_changed',
      'assigned',
      'note_added',
    ]);
    expect(events.every((e) => e.actorUserId === a.users.agent.userId)).toBe(true);
    expect(events[0]!.data).toEqual({ macroId: m.id, macroName: m.name });
    expect(events[1]!.data).toEqual({ added: [tagId], removed: [] });
    const notes = await db.prisma.note.findMany({ where: { conversationId: c.conversationId } });
    expect(notes).toHaveLength(1);
    // @mentions in a macro's note are not parsed: nobody is notified.
    expect(notes[0]).toMatchObject({ authorUserId: a.users.agent.userId, mentionedUserIds: [] });
    expect(await db.prisma.notification.count({ where: { conversationId: c.conversationId } })).toBe(0);
    const audit = await db.prisma.auditLog.findMany({ where: { targetId: c.conversationId } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'macros.run',
      actorUserId: a.users.agent.userId,
      before: { version: 0, status: 'new' },
      after: { version: 1, status: 'pending', priority: 'urgent' },
    });
  });

  it('skips actions with nothing to do, and nets tag changes', async () => {
    const c = await fresh({ status: 'open', priority: 'high' });
    const m = await macro([
      { type: 'set_priority', priority: 'high' },
      { type: 'set_status', status: 'open' },
      { type: 'remove_tag', tagId },
      { type: 'unassign' },
      { type: 'assign_team', teamId: null },
      { type: 'add_tag', tagId },
      { type: 'remove_tag', tagId },
    ]);
    const result = await agent.macros.run({
      ...org(),
      macroId: m.id,
      conversationId: c.conversationId,
      expectedVersion: 0,
    });
    expect(result).toMatchObject({ version: 1, status: 'open', priority: 'high', tagIds: [] });
    expect((await eventsOf(c.conversationId)).map((e) => e.type)).toEqual(['macro_applied']);
  });

  it('a stale version is CONFLICT naming who changed it, and nothing is written', async () => {
    const c = await fresh();
    const m = await macro([
      { type: 'add_note', text: 'Late' },
      { type: 'set_priority', priority: 'low' },
    ]);
    await manager.conversations.assign({
      ...org(),
      conversationId: c.conversationId,
      expectedVersion: 0,
      assigneeUserId: a.users.manager.userId,
    });
    const stale = await failure(
      agent.macros.run({ ...org(), macroId: m.id, conversationId: c.conversationId, expectedVersion: 0 }),
    );
    expect(stale.code).toBe('CONFLICT');
    expect(stale.message).toMatch(/^Apply Air manager took it/);
    expect(await db.prisma.note.count({ where: { conversationId: c.conversationId } })).toBe(0);
    expect((await state(c.conversationId)).version).toBe(1);
  });

  it('an impossible status change fails the whole macro with the usual message; nothing is written', async () => {
    const c = await fresh({ status: 'resolved' });
    const m = await macro([
      { type: 'add_tag', tagId },
      { type: 'add_note', text: 'Will not stay' },
      { type: 'set_status', status: 'pending' },
    ]);
    const refused = await failure(
      agent.macros.run({ ...org(), macroId: m.id, conversationId: c.conversationId, expectedVersion: 0 }),
    );
    expect(refused).toEqual({ code: 'BAD_REQUEST', message: 'A resolved conversation can only be reopened' });
    const row = await state(c.conversationId);
    expect({ version: row.version, tagIds: row.tagIds, status: row.status }).toEqual({
      version: 0,
      tagIds: [],
      status: 'resolved',
    });
    expect(await db.prisma.note.count({ where: { conversationId: c.conversationId } })).toBe(0);
    expect(await eventsOf(c.conversationId)).toHaveLength(0);
    expect(await db.prisma.auditLog.count({ where: { targetId: c.conversationId } })).toBe(0);
  });

  it('snooze sets the end and schedules the wake job in the same transaction', async () => {
    const c = await fresh({ status: 'open' });
    const m = await macro([{ type: 'snooze', hours: 24 }], null);
    const before = Date.now();
    const result = await agent.macros.run({
      ...org(),
      macroId: m.id,
      conversationId: c.conversationId,
      expectedVersion: 0,
    });
    expect(result.status).toBe('snoozed');
    const until = new Date(result.snoozedUntil!).getTime();
    expect(until - before).toBeGreaterThanOrEqual(24 * 3_600_000);
    expect(until - Date.now()).toBeLessThanOrEqual(24 * 3_600_000);
    const jobs = await db.prisma.$queryRaw<{ data: { conversationId: string; until: string }; start_after: Date }[]>`
      SELECT data, start_after FROM pgboss.job WHERE name = ${QUEUES.wake.name} AND data->>'conversationId' = ${c.conversationId}`;
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.data.until).toBe(result.snoozedUntil);
    expect(jobs[0]!.start_after.getTime()).toBe(until);
    expect((await eventsOf(c.conversationId)).map((e) => e.type)).toEqual(['macro_applied', 'snoozed']);
  });

  it("another brand's macro, another tenant's macro or conversation → NOT_FOUND, nothing changed", async () => {
    const c = await fresh();
    const otherBrand = await macro([{ type: 'set_priority', priority: 'low' }], a.brandIds[1]);
    const bOwner = await callerFor(db.prisma, b.users.owner.userId);
    const foreignMacro = await bOwner.macros.create({
      organizationId: b.organizationId,
      name: 'Foreign',
      actions: [{ type: 'set_priority', priority: 'low' }],
    });
    const foreignConversation = await createConversationFixture(db.prisma, {
      organizationId: b.organizationId,
      brandId: b.brandIds[0]!,
    });
    const general = await macro([{ type: 'set_priority', priority: 'low' }], null);
    const apply = (macroId: string, conversationId: string) =>
      outcome(agent.macros.run({ ...org(), macroId, conversationId, expectedVersion: 0 }));
    expect(await apply(otherBrand.id, c.conversationId)).toBe('NOT_FOUND');
    expect(await apply(foreignMacro.id, c.conversationId)).toBe('NOT_FOUND');
    expect(await apply(general.id, foreignConversation.conversationId)).toBe('NOT_FOUND');
    expect((await state(c.conversationId)).version).toBe(0);
    expect((await state(foreignConversation.conversationId)).version).toBe(0);
  });

  it('a brand-restricted agent cannot use a macro of a brand they do not see', async () => {
    const user = await createUser(db.prisma, {
      email: 'restricted@apply.test',
      name: 'Restricted',
      password: 'x'.repeat(12),
    });
    await addMember(db.prisma, a.organizationId, user.id, 'agent', [a.brandIds[1]!]);
    const restricted = await callerFor(db.prisma, user.id);
    const mainMacro = await macro([{ type: 'set_priority', priority: 'low' }]);
    const c = await fresh();
    const theirs = await fresh({ brandId: a.brandIds[1]! });
    const apply = (macroId: string, conversationId: string) =>
      outcome(restricted.macros.run({ ...org(), macroId, conversationId, expectedVersion: 0 }));
    expect(await apply(mainMacro.id, c.conversationId)).toBe('NOT_FOUND');
    expect(await apply(mainMacro.id, theirs.conversationId)).toBe('NOT_FOUND');
    const general = await macro([{ type: 'assign_self' }], null);
    expect(await apply(general.id, theirs.conversationId)).toBe('OK');
    expect((await state(theirs.conversationId)).assigneeUserId).toBe(user.id);
  });

  it('a deleted tag or a team that does not serve the brand makes the macro fail with a clear message', async () => {
    const doomed = await createTagFixture(db.prisma, a.organizationId, brandId, 'doomed');
    const m = await macro([{ type: 'add_tag', tagId: doomed }]);
    await manager.tags.delete({ ...org(), tagId: doomed });
    const c = await fresh();
    const gone = await failure(
      agent.macros.run({ ...org(), macroId: m.id, conversationId: c.conversationId, expectedVersion: 0 }),
    );
    expect(gone).toEqual({
      code: 'NOT_FOUND',
      message: 'A tag of this macro no longer exists: ask a manager to edit the macro',
    });
    const elsewhere = await createTeamFixture(db.prisma, a.organizationId, 'Far desk', [a.brandIds[1]!]);
    const general = await macro([{ type: 'assign_team', teamId: elsewhere }], null);
    const refused = await failure(
      agent.macros.run({ ...org(), macroId: general.id, conversationId: c.conversationId, expectedVersion: 0 }),
    );
    expect(refused).toEqual({ code: 'BAD_REQUEST', message: 'The team Far desk does not handle this brand' });
    expect((await state(c.conversationId)).version).toBe(0);
  });
});
