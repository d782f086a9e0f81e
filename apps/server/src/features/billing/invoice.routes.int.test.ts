import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import type { Role } from '@perch/shared';
import { loadConfig } from '../../config.ts';
import { buildApp } from '../../http/app.ts';
import { createLocalEventBus } from '../../live/event-bus.ts';
import { startQueue, type Queue } from '../../queue/queue.ts';
import { createTestDatabase } from '../../../test/test-database.ts';
import { createTenant, type TenantFixture } from '../../../test/harness.ts';
import { createSession } from '../auth/session.repository.ts';
import { issueInvoice } from './invoicing.service.ts';

const log = pino({ level: 'silent' });
const COOKIE = 'perch_session';

describe('GET /api/invoices/:invoiceId.pdf', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let queue: Queue;
  let app: FastifyInstance;
  let a: TenantFixture;
  let b: TenantFixture;
  const invoices: Record<string, string> = {};
  const tokens = {} as Record<Role, string>;

  const issue = async (t: TenantFixture) =>
    (await db.prisma.$transaction((tx) =>
      issueInvoice(
        tx,
        t.organizationId,
        'change',
        [
          {
            kind: 'proration_charge',
            brandId: t.brandIds[0]!,
            description: 'Main: Remaining time on Pro (5 seats) until 2026-12-01',
            quantity: 1,
            unitCents: 4_950,
            amountCents: 4_950,
          },
        ],
        new Date(),
      ),
    ))!.id;

  beforeAll(async () => {
    db = await createTestDatabase();
    a = await createTenant(db.prisma, 'Invoice PDF A');
    b = await createTenant(db.prisma, 'Invoice PDF B');
    invoices.a = await issue(a);
    invoices.b = await issue(b);
    for (const role of ['owner', 'admin', 'manager', 'agent', 'billing_admin'] as const) {
      const s = await createSession(db.prisma, {
        userId: a.users[role].userId,
        ip: null,
        userAgent: 't',
        ttlMs: 3_600_000,
      });
      tokens[role] = s.token;
    }
    queue = await startQueue(db, log);
    const config = loadConfig({ PORT: '3000', WEB_DIST_DIR: '/nonexistent' });
    app = await buildApp({ config, db, queue, bus: createLocalEventBus(), logger: log });
  });
  afterAll(async () => {
    await app.close();
    await queue.stop();
    await db.dispose();
  });

  const get = (invoiceId: string, opts: { role?: Role | null; org?: string; site?: string } = {}) =>
    app.inject({
      method: 'GET',
      url: `/api/invoices/${invoiceId}.pdf?organizationId=${opts.org ?? a.organizationId}`,
      headers: { 'sec-fetch-site': opts.site ?? 'same-origin' },
      ...(opts.role === null ? {} : { cookies: { [COOKIE]: tokens[opts.role ?? 'billing_admin'] } }),
    });

  it('a billing admin and an owner download the invoice as a PDF', async () => {
    for (const role of ['billing_admin', 'owner'] as const) {
      const res = await get(invoices.a!, { role });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toBe('attachment; filename="perch-invoice-1.pdf"');
      expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      expect(res.rawPayload.length).toBeGreaterThan(1_000);
    }
  });

  it('other roles get 403 (audited); another tenant’s invoice, or organization, is 404; no session 401; cross-site 403', async () => {
    for (const role of ['admin', 'manager', 'agent'] as const)
      expect((await get(invoices.a!, { role })).statusCode).toBe(403);
    const denials = await db.prisma.auditLog.count({
      where: { organizationId: a.organizationId, action: 'billing.invoicePdf', outcome: 'denied' },
    });
    expect(denials).toBe(3);
    expect((await get(invoices.b!)).statusCode).toBe(404);
    expect((await get(invoices.b!, { org: b.organizationId })).statusCode).toBe(404);
    expect((await get('not-an-id')).statusCode).toBe(404);
    expect((await get(invoices.a!, { role: null })).statusCode).toBe(401);
    expect((await get(invoices.a!, { site: 'cross-site' })).statusCode).toBe(403);
  });
});
