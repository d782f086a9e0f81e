import { randomUUID } from 'node:crypto';
import { createLocalEventBus } from '../live/event-bus.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { loadConfig } from '../config.ts';
import { createTestDatabase } from '../../test/test-database.ts';
import { createTenant, TEST_PASSWORD, type TenantFixture } from '../../test/harness.ts';
import { startQueue, type Queue } from '../queue/queue.ts';
import { buildApp, BODY_LIMIT, MAX_BATCH } from './app.ts';
import { SECURITY_HEADERS } from './security-headers.ts';

const ORIGIN = 'http://localhost:3000';
type TrpcError = { error: { data: { perchCode: string; fieldErrors?: Record<string, string[]> } } };
const json = { 'content-type': 'application/json', 'x-perch-csrf': '1' };

describe('HTTP: headers, CSRF, limits, health', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: FastifyInstance;
  let queue: Queue;
  let t: TenantFixture;

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await createTenant(db.prisma, 'Http Air');
    const config = loadConfig({ PORT: '3000', WEB_DIST_DIR: '/nonexistent' });
    queue = await startQueue(db, pino({ level: 'silent' }));
    app = await buildApp({ config, db, queue, bus: createLocalEventBus(), logger: pino({ level: 'silent' }) });
  });
  afterAll(async () => {
    await app.close();
    await queue.stop();
    await db.dispose();
  });

  const signIn = (headers: Record<string, string>, payload: string) =>
    app.inject({ method: 'POST', url: '/trpc/auth.signIn', headers, payload });
  const credentials = () => JSON.stringify({ email: t.users.agent.email, password: TEST_PASSWORD });

  it('S10: security headers on API, health and 404 responses', async () => {
    for (const url of ['/healthz', '/trpc/auth.me', '/does-not-exist', '/metrics']) {
      const res = await app.inject({ url });
      for (const [name, value] of Object.entries(SECURITY_HEADERS))
        expect({ url, [name]: res.headers[name] }).toEqual({ url, [name]: value });
    }
    const csp = SECURITY_HEADERS['content-security-policy']!;
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('signs in over HTTP with an HttpOnly SameSite=Lax cookie, and /trpc/auth.me sees it', async () => {
    const res = await signIn({ ...json, origin: ORIGIN, 'sec-fetch-site': 'same-origin' }, credentials());
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'perch_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const me = await app.inject({ url: '/trpc/auth.me', cookies: { perch_session: cookie.value } });
    expect(me.json<{ result: { data: { user: { email: string } } } }>().result.data.user.email).toBe(
      t.users.agent.email,
    );
  });

  it('in production the cookie is __Host- and Secure', async () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      PUBLIC_URL: 'https://perch.example',
      WEB_DIST_DIR: '/nonexistent',
      PERCH_SECRET_KEY: Buffer.alloc(32, 1).toString('base64'),
    });
    const prod = await buildApp({ config, db, queue, bus: createLocalEventBus(), logger: pino({ level: 'silent' }) });
    const res = await prod.inject({
      method: 'POST',
      url: '/trpc/auth.signIn',
      headers: { ...json, origin: 'https://perch.example' },
      payload: credentials(),
    });
    expect(res.cookies[0]).toMatchObject({ name: '__Host-perch_session', secure: true, httpOnly: true, path: '/' });
    await prod.close();
  });

  it('S4: forged cross-site requests never reach a mutation', async () => {
    const forged: [string, Record<string, string>, string][] = [
      ['no custom header', { 'content-type': 'application/json' }, credentials()],
      ['form', { 'content-type': 'application/x-www-form-urlencoded', 'x-perch-csrf': '1' }, 'email=a&password=b'],
      ['text/plain', { 'content-type': 'text/plain', 'x-perch-csrf': '1' }, credentials()],
      ['multipart', { 'content-type': 'multipart/form-data; boundary=x', 'x-perch-csrf': '1' }, '--x--'],
      ['foreign origin', { ...json, origin: 'https://evil.example' }, credentials()],
      ['cross-site fetch', { ...json, 'sec-fetch-site': 'cross-site' }, credentials()],
      ['same-site fetch', { ...json, 'sec-fetch-site': 'same-site' }, credentials()],
    ];
    const before = await db.prisma.session.count();
    for (const [name, headers, payload] of forged) {
      const res = await signIn(headers, payload);
      expect({ name, status: res.statusCode }).toEqual({ name, status: 403 });
      expect(res.json<{ error: { perchCode: string } }>().error.perchCode).toBe('CSRF');
    }
    expect(await db.prisma.session.count()).toBe(before);
  });

  it('S11: a batch of more than 20 calls is refused, 20 are served', async () => {
    const batch = (n: number) =>
      `/trpc/${Array(n).fill('auth.me').join(',')}?batch=1&input=${encodeURIComponent(JSON.stringify({}))}`;
    expect((await app.inject({ url: batch(MAX_BATCH) })).statusCode).toBe(200);
    expect((await app.inject({ url: batch(MAX_BATCH + 1) })).statusCode).toBe(400);
  });

  it('S11 / R6: oversize body → 413, malformed JSON → 400, unknown field → 400 with a clear message', async () => {
    const big = JSON.stringify({ email: 'a@b.test', password: 'x'.repeat(BODY_LIMIT) });
    expect((await signIn(json, big)).statusCode).toBe(413);
    expect((await signIn(json, '{"email": ')).statusCode).toBe(400);
    const unknown = await signIn(json, JSON.stringify({ email: 'a@b.test', password: 'x', role: 'owner' }));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json<TrpcError>().error.data.perchCode).toBe('VALIDATION');
    const tooLong = await signIn(json, JSON.stringify({ email: 'a@b.test', password: 'x'.repeat(129) }));
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json<TrpcError>().error.data.fieldErrors?.password).toBeDefined();
  });

  it('a mutation cannot be called with GET', async () => {
    const res = await app.inject({ url: `/trpc/auth.signIn?input=${encodeURIComponent(credentials())}` });
    expect(res.statusCode).toBe(405);
  });

  it('/healthz, /readyz (database and migrations) and /metrics answer', async () => {
    expect((await app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await app.inject({ url: '/readyz' })).json()).toEqual({ status: 'ready' });
    const metrics = await app.inject({ url: '/metrics' });
    expect(metrics.body).toContain('perch_http_request_duration_seconds');
    expect(metrics.body).toContain('process_resident_memory_bytes');
  });

  it('/metrics reports the backlogs of background work: conversations waiting per consumer, jobs per queue', async () => {
    const gauge = async (line: RegExp) => {
      const body = (await app.inject({ url: '/metrics' })).body;
      const match = body.match(line);
      expect(match, `${line} in\n${body}`).not.toBeNull();
      return Number(match![1]);
    };
    expect(await gauge(/^perch_dirty_conversations\{consumer="sla"\} (\d+)$/m)).toBe(0);
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    await db.prisma.dirtyConversation.createMany({
      data: ids.map((conversationId, i) => ({
        consumer: i < 2 ? 'metrics' : 'sla',
        conversationId,
        organizationId: t.organizationId,
      })),
    });
    try {
      expect(await gauge(/^perch_dirty_conversations\{consumer="metrics"\} (\d+)$/m)).toBe(2);
      expect(await gauge(/^perch_dirty_conversations\{consumer="sla"\} (\d+)$/m)).toBe(1);
    } finally {
      await db.prisma.dirtyConversation.deleteMany({ where: { conversationId: { in: ids } } });
    }
    expect(await gauge(/^perch_dirty_conversations\{consumer="metrics"\} (\d+)$/m)).toBe(0);
    // Every queue and its dead letters, in each state (counted by pg-boss's supervisor: 0 on a fresh database).
    expect(await gauge(/^perch_queue_jobs\{queue="ingest\.process",state="ready"\} (\d+)$/m)).toBe(0);
    expect(await gauge(/^perch_queue_jobs\{queue="reply\.deliver\.dead",state="failed"\} (\d+)$/m)).toBe(0);
  });

  it('unknown API paths answer a JSON 404, not the SPA', async () => {
    const res = await app.inject({ url: '/trpc/nope.nothing' });
    expect(res.statusCode).toBe(404);
  });
});
