import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/test-database.ts';
import { createTenant } from '../../../test/harness.ts';
import { withPgTransaction } from '../../db/pg-transaction.ts';
import { createXChannelFixture } from '../channels/channels.testing.ts';
import { CHANNEL_TOUCH_MS, touchChannels } from './ingest.repository.ts';

/** The concurrent case (a commit not waiting for another's row lock) needs two connections: channel-touch.pg.test.ts. */
describe("ingest: a channel's last event time", () => {
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

  const lastEventAt = async () =>
    (await db.prisma.channel.findUniqueOrThrow({ where: { id: channelId } })).lastEventAt?.getTime() ?? null;
  const touch = (at: number) =>
    withPgTransaction(db.pool, (client) => touchChannels(client, [channelId], new Date(at)));

  it('is set by the first event, then rewritten at most once per second and never moved back', async () => {
    const start = Date.parse('2026-12-01T10:00:00.000Z');
    expect(await lastEventAt()).toBeNull();
    expect(await touch(start)).toBe(1);
    expect(await lastEventAt()).toBe(start);
    // Within the second: nothing is written, so no row is locked.
    expect(await touch(start + CHANNEL_TOUCH_MS - 1)).toBe(0);
    expect(await lastEventAt()).toBe(start);
    // An older event (a slow commit) never rolls the time back.
    expect(await touch(start - 60_000)).toBe(0);
    expect(await lastEventAt()).toBe(start);
    expect(await touch(start + CHANNEL_TOUCH_MS + 1)).toBe(1);
    expect(await lastEventAt()).toBe(start + CHANNEL_TOUCH_MS + 1);
  });
});
