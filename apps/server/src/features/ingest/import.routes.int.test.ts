import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { IMPORT_CSV_COLUMNS, IMPORT_MAX_BYTES, ROLES, type ImportUploadReport, type Role } from '@perch/shared';
import { loadConfig } from '../../config.ts';
import { buildApp } from '../../http/app.ts';
import { createLocalEventBus } from '../../live/event-bus.ts';
import { startQueue, type Queue } from '../../queue/queue.ts';
import { createTestDatabase } from '../../../test/test-database.ts';
import { createTenant, type TenantFixture } from '../../../test/harness.ts';
import { createSession } from '../auth/session.repository.ts';
import { HTTP_ROUTE_POLICY, IMPORT_AUDIT_ACTION, IMPORTS_ROUTE } from './import.routes.ts';
import { CSV_COLUMNS } from './import-parsers.ts';
import { IMPORT_STORE_BATCH } from './import.service.ts';

const log = pino({ level: 'silent' });
const ORIGIN = 'http://localhost:3000';
const COOKIE = 'perch_session';
const header = IMPORT_CSV_COLUMNS.join(',');
const row = (id: string, text = `@SkywardAir my bag is lost, ref ${id}`) =>
  `${id},"${text}",2025-06-01T08:00:00Z,u-${id},user${id},User ${id},10,false,,mention`;
const csv = (ids: string[], broken: Record<number, string> = {}) =>
  [header, ...ids.map((id, i) => broken[i] ?? row(id))].join('\n') + '\n';
const browser = { 'x-perch-csrf': '1', origin: ORIGIN, 'sec-fetch-site': 'same-origin' };
type ErrorBody = { error: { message: string; perchCode: string } };

describe('POST /api/organizations/:organizationId/imports (upload from the browser)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let queue: Queue;
  let app: FastifyInstance;
  let base: string;
  let a: TenantFixture;
  let b: TenantFixture;
  const tokens = {} as Record<Role, string>;

  beforeAll(async () => {
    db = await createTestDatabase();
    [a, b] = [await createTenant(db.prisma, 'Upload Air'), await createTenant(db.prisma, 'Upload Rail')];
    for (const role of ROLES) {
      const session = await createSession(db.prisma, {
        userId: a.users[role].userId,
        ip: null,
        userAgent: 'vitest',
        ttlMs: 3600_000,
      });
      tokens[role] = session.token;
    }
    queue = await startQueue(db, log);
    const config = loadConfig({ PORT: '3000', WEB_DIST_DIR: '/nonexistent' });
    app = await buildApp({ config, db, queue, bus: createLocalEventBus(), logger: log });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await app.close();
    await queue.stop();
    await db.dispose();
  });

  const urlOf = (organizationId: string, channelId: string, format = 'csv') =>
    `/api/organizations/${organizationId}/imports?channelId=${channelId}&format=${format}`;

  function upload(
    body: string,
    opts: {
      role?: Role | null;
      org?: string;
      channel?: string;
      format?: string;
      headers?: Record<string, string>;
    } = {},
  ) {
    const token = opts.role === null ? null : tokens[opts.role ?? 'manager'];
    return app.inject({
      method: 'POST',
      url: urlOf(opts.org ?? a.organizationId, opts.channel ?? a.webhookChannelId, opts.format),
      headers: { 'content-type': 'text/csv', ...browser, ...opts.headers },
      ...(token ? { cookies: { [COOKIE]: token } } : {}),
      payload: body,
    });
  }

  const mentions = (channelId = a.webhookChannelId) => db.prisma.mention.count({ where: { channelId } });
  /** Everything an upload could write: raw events and audit rows (denials are counted apart). */
  const written = async (t: TenantFixture) =>
    JSON.stringify({
      inbound: await db.prisma.inboundEvent.count({ where: { organizationId: t.organizationId } }),
      audit: await db.prisma.auditLog.count({ where: { organizationId: t.organizationId, outcome: 'ok' } }),
      mentions: await db.prisma.mention.count({ where: { organizationId: t.organizationId } }),
    });

  it('imports a CSV with a broken row in the middle: that line is reported, the rest is stored, one audit row', async () => {
    const ids = Array.from({ length: 120 }, (_, i) => `br-${i + 1}`);
    const body = csv(ids, { 59: 'br-60,"bad date",yesterday,u1,user1,User 1,10,false,,mention' });
    const res = await upload(body, { role: 'manager' });
    expect(res.statusCode).toBe(200);
    const report = res.json<ImportUploadReport>();
    expect(report).toMatchObject({
      channelId: a.webhookChannelId,
      format: 'csv',
      bytes: Buffer.byteLength(body),
      rows: 120,
      accepted: 119,
      stored: 119,
      duplicates: 0,
      rejectedRows: 1,
      warnings: [],
    });
    // The header is line 1, so the 60th row is line 61.
    expect(report.rejected).toEqual([{ line: 61, error: expect.stringMatching(/^created_at: /) as string }]);
    // Stored (threaded, enriched) before the answer.
    expect(await mentions()).toBe(119);

    const audit = await db.prisma.auditLog.findMany({
      where: { organizationId: a.organizationId, action: IMPORT_AUDIT_ACTION },
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorUserId: a.users.manager.userId,
      targetType: 'channel',
      targetId: a.webhookChannelId,
      outcome: 'ok',
      after: {
        format: 'csv',
        bytes: Buffer.byteLength(body),
        rows: 120,
        accepted: 119,
        stored: 119,
        duplicates: 0,
        rejected: 1,
        warnings: 0,
        completed: true,
      },
    });
  });

  it('re-uploading the same file adds nothing', async () => {
    const ids = Array.from({ length: 120 }, (_, i) => `br-${i + 1}`);
    const res = await upload(csv(ids, { 59: 'br-60,"bad date",yesterday,u1,user1,User 1,10,false,,mention' }));
    expect(res.statusCode).toBe(200);
    expect(res.json<ImportUploadReport>()).toMatchObject({ rows: 120, accepted: 119, stored: 0, duplicates: 119 });
    expect(await mentions()).toBe(119);
  });

  it('takes NDJSON, with the format from the content type, and reports bad lines', async () => {
    const line = (id: string) =>
      JSON.stringify({
        id,
        text: 'Vol annulé, remboursement ?',
        created_at: '2025-07-01T10:00:00Z',
        author: { id: 'fr', username: 'lucie' },
      });
    const res = await app.inject({
      method: 'POST',
      url: `/api/organizations/${a.organizationId}/imports?channelId=${a.webhookChannelId}`,
      headers: { 'content-type': 'application/x-ndjson', ...browser },
      cookies: { [COOKIE]: tokens.admin },
      payload: [line('nd-1'), '{"id": ', line('nd-2')].join('\n'),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json<ImportUploadReport>()).toMatchObject({ format: 'ndjson', rows: 3, accepted: 2, rejectedRows: 1 });
    expect(res.json<ImportUploadReport>().rejected[0]).toMatchObject({
      line: 2,
      error: expect.stringMatching(/^invalid JSON/) as string,
    });
  });

  it('streams: rows are stored while the upload is still arriving (nothing buffered)', async () => {
    const total = 2 * IMPORT_STORE_BATCH + 200;
    const ids = Array.from({ length: total }, (_, i) => `st-${i}`);
    const body = Buffer.from(csv(ids));
    const half = body.indexOf('\n', body.length / 2) + 1;
    const before = await mentions();
    const { req, response } = rawUpload(urlOf(a.organizationId, a.webhookChannelId), body.length, tokens.owner);
    req.write(body.subarray(0, half));
    // The first half holds more than a storage batch: one is committed before the client sends the second half.
    const until = Date.now() + 60_000;
    while ((await mentions()) === before && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    expect(await mentions()).toBeGreaterThan(before);

    // Meanwhile a second import into the same channel is refused.
    const second = await upload(csv(['st-x']), { role: 'admin' });
    expect(second.statusCode).toBe(409);
    expect(second.json<ErrorBody>().error).toEqual({
      perchCode: 'CONFLICT',
      message: 'An import into this channel is already running: wait for it to finish',
    });

    req.end(body.subarray(half));
    const res = await response;
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ rows: total, accepted: total, stored: total, rejectedRows: 0 });
    expect(await mentions()).toBe(before + total);
    // Once finished, the channel takes imports again.
    expect((await upload(csv(['st-x']), { role: 'admin' })).statusCode).toBe(200);
  });

  it('a cancelled upload keeps its committed rows, audits them, and frees the channel', async () => {
    const ids = Array.from({ length: IMPORT_STORE_BATCH + 500 }, (_, i) => `cut-${i}`);
    const body = Buffer.from(csv(ids));
    const before = await mentions();
    const { req, response } = rawUpload(urlOf(a.organizationId, a.webhookChannelId), body.length * 2, tokens.owner);
    response.catch(() => undefined); // the client goes away: no answer
    req.write(body);
    const until = Date.now() + 60_000;
    while ((await mentions()) === before && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    req.destroy();

    const partial = async () =>
      db.prisma.auditLog.findFirst({
        where: {
          organizationId: a.organizationId,
          action: IMPORT_AUDIT_ACTION,
          after: { path: ['completed'], equals: false },
        },
        select: { after: true },
      });
    while (!(await partial()) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    expect((await partial())?.after).toMatchObject({
      completed: false,
      accepted: IMPORT_STORE_BATCH,
      stored: IMPORT_STORE_BATCH,
      rejected: 0,
    });
    expect(await mentions()).toBe(before + IMPORT_STORE_BATCH);
    // The channel is free again, and importing the file again completes it.
    const again = await upload(csv(ids), { role: 'owner' });
    expect(again.statusCode).toBe(200);
    expect(again.json<ImportUploadReport>()).toMatchObject({ stored: 500, duplicates: IMPORT_STORE_BATCH });
  });

  it('401 without a session; 404 for another tenant (organization or channel); nothing written', async () => {
    const before = [await written(a), await written(b)];
    const anonymous = await upload(csv(['x-1']), { role: null });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json<ErrorBody>().error.perchCode).toBe('UNAUTHENTICATED');
    const bogus = await upload(csv(['x-1']), { role: null, headers: { cookie: `${COOKIE}=not-a-session` } });
    expect(bogus.statusCode).toBe(401);

    const foreignChannel = await upload(csv(['x-1']), { role: 'owner', channel: b.webhookChannelId });
    expect(foreignChannel.statusCode).toBe(404);
    expect(foreignChannel.json<ErrorBody>()).toEqual({
      error: { message: 'Channel not found', perchCode: 'NOT_FOUND' },
    });
    const foreignOrg = await upload(csv(['x-1']), {
      role: 'owner',
      org: b.organizationId,
      channel: b.webhookChannelId,
    });
    expect(foreignOrg.statusCode).toBe(404);
    expect(foreignOrg.json<ErrorBody>().error.perchCode).toBe('NOT_FOUND');
    const unknownChannel = await upload(csv(['x-1']), {
      role: 'owner',
      channel: '0190a7e2-0000-7000-8000-000000000000',
    });
    expect(unknownChannel.statusCode).toBe(404);
    expect(await upload(csv(['x-1']), { role: 'owner', org: 'not-an-id' }).then((r) => r.statusCode)).toBe(404);
    expect([await written(a), await written(b)]).toEqual(before);
  });

  it('HTTP_ROUTE_POLICY: every role gets exactly what the table says; a refusal is audited and writes nothing', async () => {
    const allowed: readonly Role[] = HTTP_ROUTE_POLICY[`POST ${IMPORTS_ROUTE}`];
    expect(Object.keys(HTTP_ROUTE_POLICY)).toEqual([`POST ${IMPORTS_ROUTE}`]);
    for (const role of ROLES) {
      const before = await written(a);
      const denials = () =>
        db.prisma.auditLog.count({
          where: { organizationId: a.organizationId, outcome: 'denied', actorUserId: a.users[role].userId },
        });
      const deniedBefore = await denials();
      const res = await upload(csv([`role-${role}`]), { role });
      if (allowed.includes(role)) {
        expect({ role, status: res.statusCode }).toEqual({ role, status: 200 });
      } else {
        expect({ role, status: res.statusCode }).toEqual({ role, status: 403 });
        expect(res.json<ErrorBody>().error.perchCode).toBe('FORBIDDEN');
        expect(await written(a)).toBe(before);
        expect(await denials()).toBe(deniedBefore + 1);
      }
    }
  });

  it('S4: forged cross-site requests are refused (403) before anything is read or written', async () => {
    const body = csv(['forged-1']);
    const forged: [string, Record<string, string>][] = [
      ['no custom header', { 'x-perch-csrf': '', origin: ORIGIN }],
      ['form', { 'content-type': 'application/x-www-form-urlencoded' }],
      ['multipart', { 'content-type': 'multipart/form-data; boundary=x' }],
      ['text/plain', { 'content-type': 'text/plain' }],
      ['JSON', { 'content-type': 'application/json' }],
      ['foreign origin', { origin: 'https://evil.example' }],
      ['cross-site fetch', { 'sec-fetch-site': 'cross-site' }],
      ['same-site fetch', { 'sec-fetch-site': 'same-site' }],
    ];
    const before = await written(a);
    for (const [name, headers] of forged) {
      const res = await upload(body, { role: 'owner', headers });
      expect({ name, status: res.statusCode }).toEqual({ name, status: 403 });
      expect(res.json<ErrorBody>().error.perchCode).toBe('CSRF');
    }
    expect(await written(a)).toBe(before);
  });

  it('413 over the size limit, answered before the body is sent; 411 without a length', async () => {
    const before = await written(a);
    const { req, response } = rawUpload(
      urlOf(a.organizationId, a.webhookChannelId),
      IMPORT_MAX_BYTES + 1,
      tokens.owner,
    );
    req.write(`${header}\n`);
    const res = await response;
    req.destroy();
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toEqual({
      error: { message: 'The file is larger than 100 MiB', perchCode: 'VALIDATION' },
    });

    const chunked = rawUpload(urlOf(a.organizationId, a.webhookChannelId), null, tokens.owner);
    chunked.req.end(csv(['chunked-1']));
    expect((await chunked.response).status).toBe(411);
    expect(await written(a)).toBe(before);
  });

  it('400 for a bad query: missing channel, unknown format, octet-stream without a format', async () => {
    const noChannel = await app.inject({
      method: 'POST',
      url: `/api/organizations/${a.organizationId}/imports?format=csv`,
      headers: { 'content-type': 'text/csv', ...browser },
      cookies: { [COOKIE]: tokens.owner },
      payload: csv(['q-1']),
    });
    expect(noChannel.statusCode).toBe(400);
    expect(noChannel.json<ErrorBody>().error.message).toMatch(/channelId/);
    expect((await upload(csv(['q-1']), { format: 'xlsx' })).statusCode).toBe(400);
    const octet = await app.inject({
      method: 'POST',
      url: `/api/organizations/${a.organizationId}/imports?channelId=${a.webhookChannelId}`,
      headers: { 'content-type': 'application/octet-stream', ...browser },
      cookies: { [COOKIE]: tokens.owner },
      payload: csv(['q-1']),
    });
    expect(octet.statusCode).toBe(400);
    expect(octet.json<ErrorBody>().error.message).toBe('format is required: csv or ndjson');
  });

  it('documents the same CSV columns as the parser reads', () => {
    expect(IMPORT_CSV_COLUMNS).toEqual(CSV_COLUMNS);
  });

  /** A real HTTP upload whose body the test writes at its own pace (length null: chunked, no Content-Length). */
  function rawUpload(path: string, length: number | null, token: string) {
    const req = http.request(`${base}${path}`, {
      method: 'POST',
      headers: {
        ...browser,
        'content-type': 'text/csv',
        cookie: `${COOKIE}=${token}`,
        ...(length === null ? { 'transfer-encoding': 'chunked' } : { 'content-length': String(length) }),
      },
    });
    const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
      req.on('response', (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      req.on('error', reject);
    });
    return { req, response };
  }
});
