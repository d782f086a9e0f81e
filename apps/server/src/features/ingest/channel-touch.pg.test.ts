import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/test-database.ts';
import { createTenant } from '../../../test/harness.ts';
import { whileTransactionOpen } from '../../../test/open-transaction.ts';
import { withPgTransaction } from '../../db/pg-transaction.ts';
import { createXChannelFixture } from '../channels/channels.testing.ts';
import { touchChannels } from './ingest.repository.ts';

/**
 * Two accept transactions for one channel, on two connections (PostgreSQL only: the embedded database has one
 * connection, so a second transaction would simply wait its turn there). The rules of the time itself are tested
 * on both databases in ingest.repository.int.test.ts.
 */
if (!process.env.TEST_DATABASE_URL) throw new Error('channel-touch.pg.test.ts needs TEST_DATABASE_URL');

describe("ingest: a channel's last event time under concurrent commits", () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let channelId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    channelId = await createXChannelFixture(db.prisma, await createTenant(db.prisma, 'Touch Air'), {
      name: 'X @TouchAir',
      xUserId: '900000000000000077',
      consumerSecret: 'touch-consumer-secret-0123456789',
    });
  });
  afterAll(async () => {
    await db.dispose();
  });

  it('lets a commit touch the channel while another one that touched it within the second is still open', async () => {
    const at = Date.now();
    expect(await withPgTransaction(db.pool, (c) => touchChannels(c, [channelId], new Date(at)))).toBe(1);
    const { held, result } = await whileTransactionOpen(
      db.pool,
      // A transaction that touches the channel again, and stays open.
      (client) => touchChannels(client, [channelId], new Date(at + 200)),
      () =>
        withPgTransaction(db.pool, async (client) => {
          // It would wait for the open one to commit if that one had rewritten (and so locked) the row.
          await client.query(`SET LOCAL lock_timeout = '2s'`);
          return touchChannels(client, [channelId], new Date(at + 400));
        }),
    );
    expect(result).toBe(0);
    expect(held).toBe(0);
    const channel = await db.prisma.channel.findUniqueOrThrow({ where: { id: channelId } });
    expect(channel.lastEventAt?.getTime()).toBe(at);
  });
});
