import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { loadConfig } from '../../config.ts';
import { buildApp } from '../../http/app.ts';
import { createLocalEventBus } from '../../live/event-bus.ts';
import { startQueue, type Queue } from '../../queue/queue.ts';
import { createTestDatabase } from '../../../test/test-database.ts';
import { createTenant, TEST_PASSWORD, type TenantFixture } from '../../../test/harness.ts';
import { EXPORTS_ROUTE } from '../exports/export.routes.ts';

const ORIGIN = 'http://localhost:3000';
const headers = { 'content-type': 'application/json', 'x-perch-csrf': '1', origin: ORIGIN };
type Answer<T> = { result?: { data: T }; error?: { data: { perchCode: string } } };

/** The second factor over HTTP: cookies, the real server key, and the export route's requirement check. */
describe('second factor over HTTP (S15)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: FastifyInstance;
  let queue: Queue;
  let t: TenantFixture;

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await createTenant(db.prisma, 'Http Totp');
    const config = loadConfig({ PORT: '3000', WEB_DIST_DIR: '/nonexistent' });
    queue = await startQueue(db, pino({ level: 'silent' }));
    app = await buildApp({ config, db, queue, bus: createLocalEventBus(), logger: pino({ level: 'silent' }) });
  });
  afterAll(async () => {
    await app.close();
    await queue.stop();
    await db.dispose();
  });

  const post = (path: string, body: unknown, session?: string) =>
    app.inject({
      method: 'POST',
      url: `/trpc/${path}`,
      headers,
      payload: JSON.stringify(body ?? null),
      ...(session ? { cookies: { perch_session: session } } : {}),
    });
  const sessionOf = (res: { cookies: { name: string; value: string }[] }) =>
    res.cookies.find((c) => c.name === 'perch_session')?.value ?? null;

  it('enrols, then signs in in two steps: the session cookie comes only with the code', async () => {
    const email = t.users.owner.email;
    const first = await post('auth.signIn', { email, password: TEST_PASSWORD });
    const session = sessionOf(first)!;
    expect(session).toBeTruthy();

    const begun = (await post('totp.begin', undefined, session)).json<Answer<{ secret: string }>>().result!.data;
    const totp = new TOTP({ secret: Secret.fromBase32(begun.secret) });
    const confirmed = await post('totp.confirm', { code: totp.generate() }, session);
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json<Answer<{ recoveryCodes: string[] }>>().result!.data.recoveryCodes).toHaveLength(10);

    const password = await post('auth.signIn', { email, password: TEST_PASSWORD });
    expect(password.statusCode).toBe(200);
    expect(sessionOf(password)).toBeNull();
    const answer = password.json<Answer<{ ok: false; secondFactor: { challenge: string } }>>().result!.data;
    expect(answer.ok).toBe(false);

    const wrong = await post('auth.verifySecondFactor', { challenge: answer.secondFactor.challenge, code: '12345x' });
    expect(wrong.statusCode).toBe(400);
    const code = totp.generate({ timestamp: Date.now() + 30_000 });
    const second = await post('auth.verifySecondFactor', { challenge: answer.secondFactor.challenge, code });
    expect(second.statusCode).toBe(200);
    const cookie = second.cookies.find((c) => c.name === 'perch_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const me = await app.inject({ url: '/trpc/auth.me', cookies: { perch_session: cookie.value } });
    expect(me.json<Answer<{ user: { email: string } }>>().result!.data.user.email).toBe(email);

    // The second step is a state-changing request like the others: no CSRF header, no session.
    const forged = await app.inject({
      method: 'POST',
      url: '/trpc/auth.verifySecondFactor',
      headers: { 'content-type': 'text/plain', origin: 'https://evil.example' },
      payload: JSON.stringify({ challenge: answer.secondFactor.challenge, code }),
    });
    expect(forged.statusCode).toBe(403);
    expect(sessionOf(forged)).toBeNull();
  });

  it('the export route refuses an owner without a second factor when the organization requires one', async () => {
    await db.prisma.organization.update({ where: { id: t.organizationId }, data: { requireTotp: true } });
    // The admin becomes a second owner, without a second factor.
    await db.prisma.membership.update({ where: { id: t.users.admin.membershipId }, data: { role: 'owner' } });
    const session = sessionOf(await post('auth.signIn', { email: t.users.admin.email, password: TEST_PASSWORD }))!;
    const res = await app.inject({
      url: `${EXPORTS_ROUTE}.csv?organizationId=${t.organizationId}`,
      headers: { 'sec-fetch-site': 'same-origin' },
      cookies: { perch_session: session },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json<{ error: { perchCode: string } }>().error.perchCode).toBe('SECOND_FACTOR_REQUIRED');
    // The import upload too, before reading anything: nothing is written but the denial.
    const upload = await app.inject({
      method: 'POST',
      url: `/api/organizations/${t.organizationId}/imports?channelId=${t.webhookChannelId}&format=csv`,
      headers: { 'content-type': 'text/csv', 'x-perch-csrf': '1', origin: ORIGIN, 'sec-fetch-site': 'same-origin' },
      cookies: { perch_session: session },
      payload: 'id,text\n1,hello\n',
    });
    expect(upload.statusCode).toBe(403);
    expect(upload.json<{ error: { perchCode: string } }>().error.perchCode).toBe('SECOND_FACTOR_REQUIRED');
    expect(await db.prisma.inboundEvent.count({ where: { organizationId: t.organizationId } })).toBe(0);
    expect(
      await db.prisma.auditLog.count({
        where: { organizationId: t.organizationId, actorUserId: t.users.admin.userId, outcome: 'denied' },
      }),
    ).toBe(2);
    // A manager is not concerned.
    const manager = sessionOf(await post('auth.signIn', { email: t.users.manager.email, password: TEST_PASSWORD }))!;
    const ok = await app.inject({
      url: `${EXPORTS_ROUTE}.csv?organizationId=${t.organizationId}`,
      headers: { 'sec-fetch-site': 'same-origin' },
      cookies: { perch_session: manager },
    });
    expect(ok.statusCode).toBe(200);
  });
});
