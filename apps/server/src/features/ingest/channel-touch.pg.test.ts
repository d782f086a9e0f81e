import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/test-database.ts';
import { createTenant, TEST_SECRET_KEY } from '../../../test/harness.ts';
import { withPgTransaction } from '../../db/pg-transaction.ts';
import { createXChannel } from '../channels/channels.service.ts';
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
    const t = await createTenant(db.prisma, 'Touch Air');
    const actor = { userId: t.users.owner.userId, organizationId: t.organizationId, ip: null, role: 'owner' as const };
    const x = await createXChannel(db.prisma, { secretKey: TEST_SECRET_KEY, publicUrl: 'http://perch.test' }, actor, {
      organizationId: t.organizationId,
      brandId: t.brandIds[0]!,
      name: 'X @TouchAir',
      xUserId: '900000000000000077',
      consumerSecret: 'touch-consumer-secret-0123456789',
    });
    channelId = x.channel.id;
  });
  afterAll(async () => {
    await db.dispose();
  });

  it('lets a commit touch the channel while another one that touched it within the second is still open', async () => {
    const at = Date.now();
    expect(await withPgTransaction(db.pool, (c) => touchChannels(c, [channelId], new Date(at)))).toBe(1);
    // A transaction that touches the channel again, and stays open.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = withPgTransaction(db.pool, async (client) => {
      const n = await touchChannels(client, [channelId], new Date(at + 200));
      await held;
      return n;
    });
    try {
      const second = await withPgTransaction(db.pool, async (client) => {
        // It would wait for `first` to commit if `first` had rewritten (and so locked) the row.
        await client.query(`SET LOCAL lock_timeout = '2s'`);
        return touchChannels(client, [channelId], new Date(at + 400));
      });
      expect(second).toBe(0);
    } finally {
      release();
    }
    expect(await first).toBe(0);
    const channel = await db.prisma.channel.findUniqueOrThrow({ where: { id: channelId } });
    expect(channel.lastEventAt?.getTime()).toBe(at);
  });
});
