import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { loadConfig } from '../../src/config.ts';
import { buildApp } from '../../src/http/app.ts';
import { createLocalEventBus } from '../../src/live/event-bus.ts';
import { startQueue, type Queue } from '../../src/queue/queue.ts';
import { createTestDatabase } from '../test-database.ts';
import { createTenant, TEST_PASSWORD, type TenantFixture } from '../harness.ts';
import { ORG_SAMPLES } from '../procedure-samples.ts';

/**
 * S4 against every mutation: a signed-in owner's browser is made to send each organization mutation (with a
 * valid input) by another site — a form post, a text/plain or multipart body, a foreign Origin, a cross-site
 * fetch, or JSON without Perch's custom header. Each is refused (403 CSRF) before the procedure runs: nothing is
 * written (no audit row, the tenant's rows unchanged).
 */
const ORIGIN = 'http://localhost:3000';

describe('S4 — cross-site request forgery against every mutation', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: FastifyInstance;
  let queue: Queue;
  let t: TenantFixture;
  let cookie: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await createTenant(db.prisma, 'Forgery Air');
    const config = loadConfig({ PORT: '3000', WEB_DIST_DIR: '/nonexistent' });
    queue = await startQueue(db, pino({ level: 'silent' }));
    app = await buildApp({ config, db, queue, bus: createLocalEventBus(), logger: pino({ level: 'silent' }) });
    const signIn = await app.inject({
      method: 'POST',
      url: '/trpc/auth.signIn',
      headers: { 'content-type': 'application/json', 'x-perch-csrf': '1', origin: ORIGIN },
      payload: JSON.stringify({ email: t.users.owner.email, password: TEST_PASSWORD }),
    });
    expect(signIn.statusCode).toBe(200);
    cookie = signIn.cookies.find((c) => c.name === 'perch_session')!.value;
  });
  afterAll(async () => {
    await app.close();
    await queue.stop();
    await db.dispose();
  });

  const mutations = Object.entries(ORG_SAMPLES).filter(([, sample]) => sample.kind === 'mutation');

  it('covers the mutations of the new features too (replies, canned replies, reply webhooks)', () => {
    const paths = mutations.map(([path]) => path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'replies.send',
        'replies.retry',
        'replies.cancel',
        'replies.approve',
        'replies.reject',
        'replies.setMemberApproval',
        'replies.setBrandApproval',
        'cannedReplies.create',
        'cannedReplies.update',
        'cannedReplies.delete',
        'channels.configureReplyWebhook',
      ]),
    );
  });

  it('refuses every forged request before the procedure runs, and nothing is written', async () => {
    for (const [, sample] of mutations) await sample.setup?.({ db: db.prisma, queue }, t);
    const audit = () => db.prisma.auditLog.count({ where: { organizationId: t.organizationId, outcome: 'ok' } });
    const replies = () => db.prisma.reply.count({ where: { organizationId: t.organizationId } });
    const before = { audit: await audit(), replies: await replies() };
    const refused: string[] = [];
    for (const [path, sample] of mutations) {
      const body = JSON.stringify(sample.valid(t));
      const json = { 'content-type': 'application/json' };
      const forged: [string, Record<string, string>, string][] = [
        ['no custom header', json, body],
        ['form', { 'content-type': 'application/x-www-form-urlencoded', 'x-perch-csrf': '1' }, 'a=b'],
        ['text/plain', { 'content-type': 'text/plain', 'x-perch-csrf': '1' }, body],
        ['multipart', { 'content-type': 'multipart/form-data; boundary=x', 'x-perch-csrf': '1' }, '--x--'],
        ['foreign origin', { ...json, 'x-perch-csrf': '1', origin: 'https://evil.example' }, body],
        ['cross-site fetch', { ...json, 'x-perch-csrf': '1', 'sec-fetch-site': 'cross-site' }, body],
      ];
      for (const [how, headers, payload] of forged) {
        const res = await app.inject({
          method: 'POST',
          url: `/trpc/${path}`,
          headers,
          payload,
          cookies: { perch_session: cookie },
        });
        if (res.statusCode === 403 && res.body.includes('CSRF')) refused.push(`${path} ${how}`);
        else expect({ path, how, status: res.statusCode, body: res.body.slice(0, 200) }).toBe('refused');
      }
    }
    expect(refused).toHaveLength(mutations.length * 6);
    expect({ audit: await audit(), replies: await replies() }).toEqual(before);

    // Control: the same browser's own request (JSON, the custom header, its origin) goes through.
    const own = await app.inject({
      method: 'POST',
      url: '/trpc/replies.setBrandApproval',
      headers: { 'content-type': 'application/json', 'x-perch-csrf': '1', origin: ORIGIN },
      payload: JSON.stringify({ organizationId: t.organizationId, brandId: t.brandIds[0], requiresApproval: true }),
      cookies: { perch_session: cookie },
    });
    expect(own.statusCode).toBe(200);
    expect(await audit()).toBe(before.audit + 1);
  });
});
