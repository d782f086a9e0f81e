import type { z } from 'zod';
import type { PresenceOf, presenceInput, presenceOfInput } from '@perch/shared';
import { notFound } from '../../lib/errors.ts';
import { readStates } from './conversations.repository.ts';
import { userNames } from './conversations.repository.ts';
import { presenceFor } from './presence.ts';
import { seesBrand, type WorkActor, type WorkDeps } from './work-context.ts';

async function visible(deps: WorkDeps, actor: WorkActor, conversationIds: string[]) {
  const unique = [...new Set(conversationIds)];
  const rows = await readStates(deps.db, actor.organizationId, unique);
  if (rows.length !== unique.length || rows.some((c) => !seesBrand(actor.brandIds, c.brandId))) {
    throw notFound('Conversation');
  }
  return rows;
}

/**
 * A heartbeat: the caller is viewing (or typing in) the conversation. Memory and the live bus only — nothing is
 * written to the database, so there is no audit row (like a query; see docs/conversations.md).
 */
export async function heartbeat(deps: WorkDeps, actor: WorkActor, input: z.output<typeof presenceInput>) {
  const [conversation] = await visible(deps, actor, [input.conversationId]);
  const expiresAt = await presenceFor(deps.bus).heartbeat({
    organizationId: actor.organizationId,
    brandId: conversation!.brandId,
    conversationId: conversation!.id,
    userId: actor.userId,
    typing: input.typing,
  });
  return { expiresAt: expiresAt.toISOString() };
}

export async function presenceOf(
  deps: WorkDeps,
  actor: WorkActor,
  input: z.output<typeof presenceOfInput>,
): Promise<PresenceOf> {
  const rows = await visible(deps, actor, input.conversationIds);
  const store = presenceFor(deps.bus);
  const byConversation = rows.map((c) => [c.id, store.present(actor.organizationId, c.id)] as const);
  const names = await userNames(
    deps.db,
    byConversation.flatMap(([, entries]) => entries.map((e) => e.userId)),
  );
  const out: PresenceOf = {};
  for (const [id, entries] of byConversation) {
    out[id] = entries.map((e) => ({
      userId: e.userId,
      name: names.get(e.userId) ?? 'Former member',
      typing: e.typing,
      expiresAt: e.expiresAt.toISOString(),
    }));
  }
  return out;
}
