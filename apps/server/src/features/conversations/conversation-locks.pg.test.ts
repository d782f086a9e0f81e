import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/test-database.ts';
import { createTenant, type TenantFixture } from '../../../test/harness.ts';
import { whileTransactionOpen } from '../../../test/open-transaction.ts';
import { conversationStates } from '../ingest/mention-batch.repository.ts';
import { lockWaiting } from '../routing/routing.repository.ts';
import { claimNext, lockConversations } from './conversations.repository.ts';
import { createConversationFixture } from './conversations.testing.ts';

/**
 * A conversation locked by an action, by "claim next" or by an ingest batch, while another transaction that has
 * just inserted a row referencing it (an event: its foreign key holds a key-share lock on the conversation) is
 * still open — a metrics batch or an SLA sync does that for a second or more. PostgreSQL only: the embedded
 * database has one connection, where the two transactions cannot overlap.
 */
if (!process.env.TEST_DATABASE_URL) throw new Error('conversation-locks.pg.test.ts needs TEST_DATABASE_URL');

describe('conversation locks and rows that reference the conversation', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let t: TenantFixture;

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await createTenant(db.prisma, 'Lock Air');
  });
  afterAll(async () => {
    await db.dispose();
  });

  /** Runs `work` while another transaction holds an uncommitted event of the conversation. */
  const whileAnEventIsUncommitted = async <T>(conversationId: string, work: () => Promise<T>): Promise<T> =>
    (
      await whileTransactionOpen(
        db.pool,
        (client) =>
          client.query(
            `INSERT INTO "ConversationEvent" ("organizationId", "conversationId", "brandId", type, data, "occurredAt")
             VALUES ($1, $2, $3, 'note_added', '{}'::jsonb, now())`,
            [t.organizationId, conversationId, t.brandIds[0]],
          ),
        work,
      )
    ).result;
  const conversation = (priority: 'urgent' | 'normal' = 'normal') =>
    createConversationFixture(db.prisma, { organizationId: t.organizationId, brandId: t.brandIds[0]!, priority });

  it("an agent's action locks the conversation without waiting for that transaction", async () => {
    const { conversationId } = await conversation();
    const locked = await whileAnEventIsUncommitted(conversationId, () =>
      db.prisma.$transaction(async (tx) => {
        await tx.$executeRaw`SET LOCAL lock_timeout = '2s'`;
        return lockConversations(tx, t.organizationId, [conversationId]);
      }),
    );
    expect(locked.map((c) => c.id)).toEqual([conversationId]);
  });

  it('"claim next" gives that conversation rather than skipping it as locked', async () => {
    const { conversationId } = await conversation('urgent');
    const claimed = await whileAnEventIsUncommitted(conversationId, () =>
      db.prisma.$transaction((tx) => claimNext(tx, t.organizationId, null, t.users.agent.userId)),
    );
    expect(claimed?.id).toBe(conversationId);
  });

  it('an ingest batch locks the conversation it threads into without waiting for that transaction', async () => {
    const { conversationId } = await conversation();
    const states = await whileAnEventIsUncommitted(conversationId, () =>
      db.prisma.$transaction(async (tx) => {
        await tx.$executeRaw`SET LOCAL lock_timeout = '2s'`;
        return conversationStates(tx, t.organizationId, [conversationId]);
      }),
    );
    expect([...states.keys()]).toEqual([conversationId]);
  });

  it('auto-routing takes that conversation rather than leaving it for its next run', async () => {
    const { conversationId } = await conversation('urgent');
    const waiting = await whileAnEventIsUncommitted(conversationId, () =>
      db.prisma.$transaction((tx) => lockWaiting(tx, t.organizationId, t.brandIds[0]!, [], 1)),
    );
    expect(waiting.map((w) => w.id)).toEqual([conversationId]);
  });
});
