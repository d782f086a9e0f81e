import type { DbOrTx } from '../../db/database.ts';

/** The failed call's tRPC code and message. */
export async function failure(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return { code: (error as { code: string }).code, message: (error as Error).message };
  }
  throw new Error('the call succeeded');
}

/** Conversations of a brand with the given tags (and optionally assignee, status, team), for cascade tests. */
export async function createConversationsWith(
  db: DbOrTx,
  organizationId: string,
  brandId: string,
  specs: { tagIds?: string[]; assigneeUserId?: string; status?: 'new' | 'open' | 'resolved'; teamId?: string }[],
) {
  const customer = await db.customer.create({
    data: { organizationId, displayName: 'Fixture customer' },
    select: { id: true },
  });
  const ids: string[] = [];
  for (const spec of specs) {
    const row = await db.conversation.create({
      data: {
        organizationId,
        brandId,
        customerId: customer.id,
        tagIds: spec.tagIds ?? [],
        assigneeUserId: spec.assigneeUserId ?? null,
        status: spec.status ?? 'open',
        teamId: spec.teamId ?? null,
      },
      select: { id: true },
    });
    ids.push(row.id);
  }
  return ids;
}
