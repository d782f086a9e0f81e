import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/test-database.ts';
import { createTenant } from '../../../test/harness.ts';
import { withPgTransaction } from '../../db/pg-transaction.ts';
import { createXChannelFixture } from '../channels/channels.testing.ts';
import { v7 as uuidv7 } from 'uuid';
import { CHANNEL_TOUCH_MS, insertInboundEvents, touchChannels } from './ingest.repository.ts';

/** The concurrent case (a commit not waiting for another's row lock) needs two connections: channel-touch.pg.test.ts. */
describe('ingest repository: accepted raw events and their channel', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let channelId: string;
  let organizationId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    const tenant = await createTenant(db.prisma, 'Touch Air');
    organizationId = tenant.organizationId;
    channelId = await createXChannelFixture(db.prisma, tenant, {
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

  it("the channel's last event time is set by the first event, then rewritten at most once per second and never moved back", async () => {
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

  it('stores a group of raw events with their payloads exactly as accepted, each in its own row', async () => {
    const payloads = [
      { for_user_id: '900000000000000077', text: 'quotes " and \\ backslashes, \n new line, tab \t' },
      { text: 'emoji ✈️🛫, accents àéü, CJK 航班延误, RTL رحلة', nested: [[1, 2], { a: null, b: [true, false] }] },
      { big: 12345678901234, small: -0.5, empty: {}, list: [] },
      ['an', 'array', 'payload'],
    ];
    const rows = payloads.map((payload, i) => ({
      id: uuidv7(),
      organizationId,
      channelId,
      source: i % 2 === 0 ? ('x_webhook' as const) : ('generic_webhook' as const),
      payload,
    }));
    await withPgTransaction(db.pool, (client) => insertInboundEvents(client, rows));
    const stored = await db.prisma.inboundEvent.findMany({
      where: { id: { in: rows.map((r) => r.id) } },
      select: { id: true, organizationId: true, channelId: true, source: true, payload: true, status: true },
    });
    expect(stored).toHaveLength(rows.length);
    for (const row of rows) {
      expect(stored.find((s) => s.id === row.id)).toEqual({ ...row, status: 'pending' });
    }
  });
});
