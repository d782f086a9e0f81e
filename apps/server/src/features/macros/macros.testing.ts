import type { MacroAction } from '@perch/shared';
import type { DbOrTx } from '../../db/database.ts';
import {
  createConversationFixture,
  createTagFixture,
  createTeamFixture,
} from '../conversations/conversations.testing.ts';

export interface MacrosFixture {
  /** A new, unassigned conversation of the tenant's first brand, at version 0. */
  conversationId: string;
  tagId: string;
  /** A team serving the first brand. */
  teamId: string;
  /** A macro of the first brand using every kind of target (tag, team). */
  brandMacroId: string;
  /** A macro for every brand. */
  orgMacroId: string;
}

/** Test support: a conversation, a tag, a team and two macros of a tenant — what the macro procedures act on. */
export async function createMacrosFixture(
  db: DbOrTx,
  tenant: { organizationId: string; brandId: string },
): Promise<MacrosFixture> {
  const { organizationId, brandId } = tenant;
  const { conversationId } = await createConversationFixture(db, { organizationId, brandId });
  const tagId = await createTagFixture(db, organizationId, brandId, 'macro fixture tag');
  const teamId = await createTeamFixture(db, organizationId, 'Macro fixture desk', [brandId]);
  const actions: MacroAction[] = [
    { type: 'add_tag', tagId },
    { type: 'set_priority', priority: 'high' },
    { type: 'set_status', status: 'open' },
    { type: 'assign_team', teamId },
    { type: 'assign_self' },
    { type: 'add_note', text: 'Triaged with the fixture macro' },
  ];
  const brandMacro = await db.macro.create({
    data: { organizationId, brandId, name: 'Fixture triage', actions },
    select: { id: true },
  });
  const orgMacro = await db.macro.create({
    data: {
      organizationId,
      brandId: null,
      name: 'Fixture urgent',
      actions: [{ type: 'set_priority', priority: 'urgent' }],
    },
    select: { id: true },
  });
  return { conversationId, tagId, teamId, brandMacroId: brandMacro.id, orgMacroId: orgMacro.id };
}

const fixtures = new Map<string, MacrosFixture>();

/** Creates the tenant's fixture once (the security suites call setups repeatedly). */
export async function macrosSetup({ db }: { db: DbOrTx }, own: { organizationId: string; brandIds: string[] }) {
  if (fixtures.has(own.organizationId)) return;
  fixtures.set(
    own.organizationId,
    await createMacrosFixture(db, { organizationId: own.organizationId, brandId: own.brandIds[0]! }),
  );
}

export function macrosFixtureOf(tenant: { organizationId: string }): MacrosFixture {
  const fixture = fixtures.get(tenant.organizationId);
  if (!fixture) throw new Error('no macros fixture for this tenant: await the sample setup first');
  return fixture;
}
