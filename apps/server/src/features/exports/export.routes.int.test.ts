import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { pino } from 'pino';
import { ROLES, type Role } from '@perch/shared';
import { loadConfig } from '../../config.ts';
import { buildApp } from '../../http/app.ts';
import { createLocalEventBus } from '../../live/event-bus.ts';
import { startQueue, type Queue } from '../../queue/queue.ts';
import { createTestDatabase } from '../../../test/test-database.ts';
import { createTenant, type TenantFixture } from '../../../test/harness.ts';
import { createSession } from '../auth/session.repository.ts';
import { dropEntitlements } from '../billing/entitlements.ts';
import { EXPORT_HEADER } from './export-columns.ts';
import { EXPORT_AUDIT_ACTION, EXPORT_ROUTE_POLICY, EXPORTS_ROUTE } from './export.routes.ts';
import { poolFetcher, prismaFetcher } from './export.repository.ts';
import { exportBatches, resolveExport } from './export.service.ts';
import { insertConversation } from './exports.testing.ts';

const log = pino({ level: 'silent' });
const COOKIE = 'perch_session';
type ErrorBody = { error: { message: string; perchCode: string } };

describe('GET /api/exports/conversations.(csv|xlsx)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let queue: Queue;
  let app: FastifyInstance;
  let a: TenantFixture;
  let b: TenantFixture;
  const tokens = {} as Record<Role, string>;
  let bToken: string;
  const ids = {} as Record<'known' | 'formula' | 'second' | 'resolved' | 'bare' | 'foreign', string>;
  let tagId: string;
  let teamId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    [a, b] = [await createTenant(db.prisma, 'Export Air'), await createTenant(db.prisma, 'Export Rail')];
    for (const role of ROLES) {
      const s = await createSession(db.prisma, {
        userId: a.users[role].userId,
        ip: null,
        userAgent: 'v',
        ttlMs: 3600_000,
      });
      tokens[role] = s.token;
    }
    bToken = (
      await createSession(db.prisma, { userId: b.users.owner.userId, ip: null, userAgent: 'v', ttlMs: 3600_000 })
    ).token;
    const tag = await db.prisma.tag.create({
      data: { organizationId: a.organizationId, brandId: a.brandIds[0]!, name: 'refund' },
      select: { id: true },
    });
    const tag2 = await db.prisma.tag.create({
      data: { organizationId: a.organizationId, brandId: a.brandIds[0]!, name: 'baggage, lost' },
      select: { id: true },
    });
    tagId = tag.id;
    teamId = (
      await db.prisma.team.create({ data: { organizationId: a.organizationId, name: 'Tier 1' }, select: { id: true } })
    ).id;
    ids.known = (
      await insertConversation(db.prisma, a, {
        customer: 'Ada "the" Lovelace, Jr.',
        handle: 'ada',
        status: 'open',
        priority: 'high',
        assigneeUserId: a.users.agent.userId,
        teamId,
        tagIds: [tag.id, tag2.id],
        sentiment: 'negative',
        language: 'en',
        createdAt: new Date('2026-11-02T09:00:00Z'),
        metric: {
          episodes: 2,
          inboundCount: 5,
          outboundCount: 3,
          replyCount: 3,
          firstResponseMs: 90_000,
          firstResponseBusinessMs: 60_400,
          firstResponseAgentUserId: a.users.manager.userId,
          replyTimeMedianMs: 120_000,
          replyTimeMedianBusinessMs: 119_600,
          resolutionMs: 3_600_000,
          resolutionBusinessMs: 1_800_000,
          fullResolutionMs: 7_200_000,
          fullResolutionBusinessMs: 3_600_000,
          requesterWaitMs: 300_000,
          requesterWaitBusinessMs: 200_000,
          slaHits: 2,
          slaBreaches: 1,
        },
      })
    ).conversationId;
    ids.formula = (
      await insertConversation(db.prisma, a, {
        customer: '=HYPERLINK("http://evil.example","click")',
        handle: '@admin',
        priority: 'low',
        createdAt: new Date('2026-11-03T09:00:00Z'),
      })
    ).conversationId;
    ids.second = (
      await insertConversation(db.prisma, a, {
        brand: 1,
        customer: '+33 1 23',
        createdAt: new Date('2026-11-04T09:00:00Z'),
      })
    ).conversationId;
    ids.resolved = (
      await insertConversation(db.prisma, a, {
        status: 'resolved',
        customer: '-minus',
        createdAt: new Date('2026-11-05T09:00:00Z'),
        resolvedAt: new Date('2026-11-05T10:30:00Z'),
      })
    ).conversationId;
    ids.bare = (
      await insertConversation(db.prisma, a, { customer: 'No metrics yet', handle: null, metric: null })
    ).conversationId;
    ids.foreign = (await insertConversation(db.prisma, b, { customer: 'Other tenant' })).conversationId;
    queue = await startQueue(db, log);
    const config = loadConfig({ PORT: '3000', WEB_DIST_DIR: '/nonexistent' });
    app = await buildApp({ config, db, queue, bus: createLocalEventBus(), logger: log });
  });
  afterAll(async () => {
    await app.close();
    await queue.stop();
    await db.dispose();
  });

  function get(
    query: string,
    opts: { role?: Role | null; token?: string; format?: 'csv' | 'xlsx'; headers?: Record<string, string> } = {},
  ) {
    const token = opts.token ?? (opts.role === null ? null : tokens[opts.role ?? 'manager']);
    return app.inject({
      method: 'GET',
      url: `${EXPORTS_ROUTE}.${opts.format ?? 'csv'}?${query}`,
      headers: { 'sec-fetch-site': 'same-origin', ...opts.headers },
      ...(token ? { cookies: { [COOKIE]: token } } : {}),
    });
  }
  const org = (t: TenantFixture = a) => `organizationId=${t.organizationId}`;
  const csvRows = (body: string) => parse<Record<string, string>>(body, { columns: true, bom: true });

  it('CSV: BOM, RFC 4180 header and CRLF, one row per conversation with every column, names for ids', async () => {
    const res = await get(org());
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="perch-conversations-all-brands-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(res.body.startsWith(`\uFEFF${EXPORT_HEADER.join(',')}\r\n`)).toBe(true);
    const rows = csvRows(res.body);
    expect(rows.map((r) => r.id)).toEqual([ids.known, ids.formula, ids.second, ids.resolved, ids.bare]);
    expect(rows[0]).toEqual({
      id: ids.known,
      brand: 'Export Air Main',
      channel: 'Export Air webhook',
      customer: 'Ada "the" Lovelace, Jr.',
      handle: 'ada',
      status: 'open',
      priority: 'high',
      assignee: 'Export Air agent',
      team: 'Tier 1',
      tags: 'refund, baggage, lost',
      sentiment: 'negative',
      language: 'en',
      created: '2026-11-02T09:00:00Z',
      resolved: '',
      episodes: '2',
      inbound: '5',
      outbound: '3',
      replies: '3',
      first_responder: 'Export Air manager',
      first_response_s: '90',
      first_response_business_s: '60',
      reply_time_median_s: '120',
      reply_time_median_business_s: '120',
      resolution_s: '3600',
      resolution_business_s: '1800',
      full_resolution_s: '7200',
      full_resolution_business_s: '3600',
      requester_wait_s: '300',
      requester_wait_business_s: '200',
      sla_hits: '2',
      sla_breaches: '1',
    });
    expect(res.body).toContain('"Ada ""the"" Lovelace, Jr."');
    expect(rows[3]).toMatchObject({ status: 'resolved', resolved: '2026-11-05T10:30:00Z' });
    // Not computed yet: empty metric cells, not zeros.
    expect(rows[4]).toMatchObject({ handle: '', episodes: '', first_response_s: '', sla_hits: '' });
    expect(res.body).not.toContain('Other tenant');
  });

  it('CSV injection guard: text cells starting with = + - @ get a leading apostrophe', async () => {
    const rows = csvRows((await get(org())).body);
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(ids.formula)).toMatchObject({
      customer: `'=HYPERLINK("http://evil.example","click")`,
      handle: "'@admin",
    });
    expect(byId.get(ids.second)!.customer).toBe("'+33 1 23");
    expect(byId.get(ids.resolved)!.customer).toBe("'-minus");
  });

  it('filters: brand, status, priority, tag, assignee, team, created and last-message ranges', async () => {
    const idsOf = async (q: string) => csvRows((await get(`${org()}&${q}`)).body).map((r) => r.id);
    expect(await idsOf(`brandIds=${a.brandIds[1]}`)).toEqual([ids.second]);
    expect(await idsOf('statuses=resolved')).toEqual([ids.resolved]);
    expect(await idsOf('priorities=high,low')).toEqual([ids.known, ids.formula]);
    expect(await idsOf('priorities=high&priorities=low')).toEqual([ids.known, ids.formula]);
    expect(await idsOf(`tagIds=${tagId}`)).toEqual([ids.known]);
    expect(await idsOf(`assigneeUserIds=${a.users.agent.userId}`)).toEqual([ids.known]);
    expect(await idsOf('assigneeUserIds=none')).toEqual([ids.formula, ids.second, ids.resolved, ids.bare]);
    expect(await idsOf(`teamIds=${teamId}`)).toEqual([ids.known]);
    expect(await idsOf('sentiments=negative&languages=en')).toEqual([ids.known]);
    expect(await idsOf('createdFrom=2026-11-03T00:00:00Z&createdTo=2026-11-04T23:59:59Z')).toEqual([
      ids.formula,
      ids.second,
    ]);
    expect(await idsOf('lastMessageFrom=2026-11-05T00:00:00Z&lastMessageTo=2026-11-05T23:59:59Z')).toEqual([
      ids.resolved,
    ]);
    const one = await get(`${org()}&brandIds=${a.brandIds[1]}`);
    expect(one.headers['content-disposition']).toMatch(/filename="perch-conversations-export-air-second-/);
  });

  it('400 for invalid filters, with the field named', async () => {
    for (const q of [
      'statuses=closed',
      'brandIds=nope',
      'createdFrom=yesterday',
      'unknown=1',
      'createdFrom=2026-11-05T00:00:00Z&createdTo=2026-11-01T00:00:00Z',
    ]) {
      const res = await get(`${org()}&${q}`);
      expect({ q, status: res.statusCode }).toEqual({ q, status: 400 });
      expect(res.json<ErrorBody>().error.perchCode).toBe('VALIDATION');
    }
    const many = Array.from({ length: 21 }, () => a.brandIds[0]).join(',');
    expect((await get(`${org()}&brandIds=${many}`)).statusCode).toBe(400);
  });

  it('cross-tenant: another organization, or another tenant’s brand, tag, team or assignee → 404', async () => {
    expect((await get(org(b))).statusCode).toBe(404);
    expect((await get('organizationId=not-an-id')).statusCode).toBe(404);
    for (const q of [
      `brandIds=${b.brandIds[0]}`,
      `channelIds=${b.webhookChannelId}`,
      `assigneeUserIds=${b.users.agent.userId}`,
      `teamIds=${b.brandIds[0]}`,
      `tagIds=${b.brandIds[0]}`,
    ]) {
      const res = await get(`${org()}&${q}`);
      expect({ q, status: res.statusCode }).toEqual({ q, status: 404 });
      expect(res.json<ErrorBody>().error.perchCode).toBe('NOT_FOUND');
    }
    // The other tenant's owner gets only their own rows.
    const theirs = csvRows((await get(org(b), { token: bToken })).body);
    expect(theirs.map((r) => r.id)).toEqual([ids.foreign]);
  });

  it('a manager limited to one brand exports that brand only; naming another brand → 404', async () => {
    await db.prisma.membership.update({
      where: { id: a.users.manager.membershipId },
      data: { brandIds: [a.brandIds[1]!] },
    });
    try {
      expect(csvRows((await get(org())).body).map((r) => r.id)).toEqual([ids.second]);
      expect((await get(`${org()}&brandIds=${a.brandIds[0]}`)).statusCode).toBe(404);
    } finally {
      await db.prisma.membership.update({ where: { id: a.users.manager.membershipId }, data: { brandIds: [] } });
    }
  });

  it('exports are advanced analytics: a brand on Pro is left out of "all brands", and 402 when named', async () => {
    await db.prisma.subscription.update({ where: { brandId: a.brandIds[0]! }, data: { planId: 'pro' } });
    dropEntitlements(a.organizationId);
    try {
      // Only the Enterprise brand's conversation remains in an export of every brand.
      expect(csvRows((await get(org())).body).map((r) => r.id)).toEqual([ids.second]);
      const named = await get(`${org()}&brandIds=${a.brandIds[0]}`);
      expect(named.statusCode).toBe(402);
      expect(named.json()).toMatchObject({ error: { perchCode: 'PAYMENT_REQUIRED' } });
      await db.prisma.subscription.update({ where: { brandId: a.brandIds[1]! }, data: { planId: 'pro' } });
      dropEntitlements(a.organizationId);
      expect((await get(org())).statusCode).toBe(402);
    } finally {
      await db.prisma.subscription.updateMany({
        where: { organizationId: a.organizationId },
        data: { planId: 'enterprise' },
      });
      dropEntitlements(a.organizationId);
    }
  });

  it('EXPORT_ROUTE_POLICY: every role gets exactly what the table says; a refusal is audited', async () => {
    for (const format of ['csv', 'xlsx'] as const) {
      const allowed: readonly Role[] = EXPORT_ROUTE_POLICY[`GET ${EXPORTS_ROUTE}.${format}`];
      for (const role of ROLES) {
        const denials = () =>
          db.prisma.auditLog.count({
            where: { organizationId: a.organizationId, outcome: 'denied', actorUserId: a.users[role].userId },
          });
        const before = await denials();
        const res = await get(org(), { role, format });
        if (allowed.includes(role)) {
          expect({ role, format, status: res.statusCode }).toEqual({ role, format, status: 200 });
        } else {
          expect({ role, format, status: res.statusCode }).toEqual({ role, format, status: 403 });
          expect(res.json<ErrorBody>().error.perchCode).toBe('FORBIDDEN');
          expect(await denials()).toBe(before + 1);
        }
      }
    }
    expect((await get(org(), { role: null })).statusCode).toBe(401);
  });

  it('each export writes one audit row naming the format and filters', async () => {
    const since = new Date();
    await get(`${org()}&statuses=open`, { role: 'owner' });
    const rows = await db.prisma.auditLog.findMany({
      where: { organizationId: a.organizationId, createdAt: { gte: since }, action: EXPORT_AUDIT_ACTION },
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actorUserId: a.users.owner.userId,
      after: { format: 'csv', filters: { statuses: ['open'] } },
    });
  });

  it('S4: a download the browser marks cross-site or same-site is refused', async () => {
    for (const site of ['cross-site', 'same-site']) {
      const res = await get(org(), { headers: { 'sec-fetch-site': site } });
      expect(res.statusCode).toBe(403);
      expect(res.json<ErrorBody>().error.perchCode).toBe('CSRF');
    }
    expect((await get(org(), { headers: { 'sec-fetch-site': 'none' } })).statusCode).toBe(200);
  });

  it('XLSX: readable back by exceljs, numbers and dates as typed cells', async () => {
    const res = await get(org(), { format: 'xlsx' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toMatch(/\.xlsx"$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Conversations')!;
    expect(sheet.rowCount).toBe(6);
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(EXPORT_HEADER);
    const row = sheet.getRow(2);
    const cell = (key: string) => row.getCell(EXPORT_HEADER.indexOf(key) + 1).value;
    expect(cell('id')).toBe(ids.known);
    expect(cell('customer')).toBe('Ada "the" Lovelace, Jr.');
    expect(cell('first_response_s')).toBe(90);
    expect(cell('sla_breaches')).toBe(1);
    expect(cell('created')).toEqual(new Date('2026-11-02T09:00:00Z'));
    expect(sheet.getRow(3).getCell(EXPORT_HEADER.indexOf('customer') + 1).value).toBe(
      '=HYPERLINK("http://evil.example","click")',
    ); // a string cell, never a formula
  });

  it('keyset batches: any batch size gives the same rows, read through the pool or Prisma', async () => {
    const actor = {
      userId: a.users.owner.userId,
      organizationId: a.organizationId,
      membershipId: a.users.owner.membershipId,
      brandIds: [],
    };
    const resolved = await resolveExport(db.prisma, actor, {});
    const all = async (fetch: ReturnType<typeof poolFetcher>, batch: number, maxRows?: number) => {
      const out: (string | null)[][] = [];
      for await (const rows of exportBatches(fetch, resolved, { batch, ...(maxRows ? { maxRows } : {}) })) {
        expect(rows.length).toBeLessThanOrEqual(batch);
        out.push(...rows);
      }
      return out;
    };
    const whole = await all(poolFetcher(db.pool), 5000);
    expect(whole).toHaveLength(5);
    expect(await all(poolFetcher(db.pool), 2)).toEqual(whole);
    expect(await all(prismaFetcher(db.prisma), 3)).toEqual(whole);
    expect(await all(prismaFetcher(db.prisma), 2, 3)).toEqual(whole.slice(0, 3));
  });
});
