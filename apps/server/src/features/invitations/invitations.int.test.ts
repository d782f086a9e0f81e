import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/test-database.ts';
import {
  callerFor,
  callerWith,
  cookieJar,
  createTenant,
  TEST_PASSWORD,
  type TenantFixture,
} from '../../../test/harness.ts';
import { outcome } from '../../../test/procedure-samples.ts';

const tokenOf = (acceptUrl: string) => acceptUrl.split('/invite/')[1]!;

describe('invitations', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let t: TenantFixture;
  beforeAll(async () => {
    db = await createTestDatabase();
    t = await createTenant(db.prisma, 'Invite Air');
  });
  afterAll(() => db.dispose());

  async function invite(email: string, role: 'agent' | 'manager' | 'owner' = 'agent', by = t.users.admin.userId) {
    const admin = await callerFor(db.prisma, by);
    return admin.members.invite({ organizationId: t.organizationId, email, role, brandIds: [t.brandIds[0]!] });
  }

  it('a new person accepts once, gets an account, a membership with the invited role and brands, and is signed in', async () => {
    const inv = await invite('New.Agent@Example.test');
    const token = tokenOf(inv.acceptUrl);
    expect(token.length).toBeGreaterThanOrEqual(43); // 256 bits, base64url
    const anonymous = await callerWith(db.prisma, null);
    expect(await anonymous.invitations.preview({ token })).toMatchObject({
      organizationName: 'Invite Air',
      email: 'new.agent@example.test',
      role: 'agent',
      accountExists: false,
    });
    const jar = cookieJar();
    const acceptor = await callerWith(db.prisma, null, jar);
    await acceptor.invitations.accept({ token, name: 'New Agent', password: 'a long enough passphrase' });
    const me = await (await callerWith(db.prisma, jar.token)).auth.me();
    expect(me?.memberships).toEqual([
      expect.objectContaining({ organizationId: t.organizationId, role: 'agent', brandIds: [t.brandIds[0]] }),
    ]);
    // Single use.
    expect(
      await outcome(anonymous.invitations.accept({ token, name: 'Again', password: 'a long enough passphrase' })),
    ).toBe('BAD_REQUEST');
  });

  it('stores only a hash of the token; an unknown token is refused', async () => {
    const inv = await invite('hash.check@example.test');
    const token = tokenOf(inv.acceptUrl);
    expect(await db.prisma.invitation.count({ where: { tokenHash: token } })).toBe(0);
    const anonymous = await callerWith(db.prisma, null);
    expect(
      await outcome(anonymous.invitations.preview({ token: token.replace(/.$/, token.endsWith('A') ? 'B' : 'A') })),
    ).toBe('NOT_FOUND');
  });

  it('an expired invitation is refused and creates nothing', async () => {
    const inv = await invite('late@example.test');
    await db.prisma.invitation.update({ where: { id: inv.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const anonymous = await callerWith(db.prisma, null);
    const result = await outcome(
      anonymous.invitations.accept({
        token: tokenOf(inv.acceptUrl),
        name: 'Late',
        password: 'a long enough passphrase',
      }),
    );
    expect(result).toBe('BAD_REQUEST');
    expect(await db.prisma.user.count({ where: { email: 'late@example.test' } })).toBe(0);
  });

  it('links an existing account only with that account’s password (bound to the invited email)', async () => {
    const other = await createTenant(db.prisma, 'Other Org');
    const inv = await invite(other.users.manager.email, 'manager');
    const anonymous = await callerWith(db.prisma, null);
    const token = tokenOf(inv.acceptUrl);
    expect((await anonymous.invitations.preview({ token })).accountExists).toBe(true);
    expect(await outcome(anonymous.invitations.accept({ token, password: 'not their password' }))).toBe('UNAUTHORIZED');
    await anonymous.invitations.accept({ token, password: TEST_PASSWORD });
    const memberships = await db.prisma.membership.count({ where: { userId: other.users.manager.userId } });
    expect(memberships).toBe(2);
  });

  it('two concurrent accepts of one token: exactly one succeeds', async () => {
    const inv = await invite('race@example.test');
    const token = tokenOf(inv.acceptUrl);
    const attempts = await Promise.all(
      [1, 2, 3].map(async () =>
        outcome(
          (await callerWith(db.prisma, null)).invitations.accept({
            token,
            name: 'Racer',
            password: 'a long enough passphrase',
          }),
        ),
      ),
    );
    expect(attempts.filter((r) => r === 'OK')).toHaveLength(1);
    expect(await db.prisma.user.count({ where: { email: 'race@example.test' } })).toBe(1);
  });

  it('a weak password for a new account is refused and nothing is half-written', async () => {
    const inv = await invite('weak@example.test');
    const anonymous = await callerWith(db.prisma, null);
    const token = tokenOf(inv.acceptUrl);
    expect(await outcome(anonymous.invitations.accept({ token, name: 'Weak', password: 'password1' }))).toBe(
      'BAD_REQUEST',
    );
    expect(await db.prisma.user.count({ where: { email: 'weak@example.test' } })).toBe(0);
    // The invitation is still usable.
    await anonymous.invitations.accept({ token, name: 'Weak', password: 'a long enough passphrase' });
  });

  it('only owners may invite owners; a member cannot be invited twice; re-inviting replaces the old link', async () => {
    expect(await outcome(invite('boss@example.test', 'owner'))).toBe('FORBIDDEN');
    expect(await outcome(invite('boss@example.test', 'owner', t.users.owner.userId))).toBe('OK');
    expect(await outcome(invite(t.users.agent.email))).toBe('CONFLICT');
    const first = await invite('twice@example.test');
    await invite('twice@example.test');
    const anonymous = await callerWith(db.prisma, null);
    expect(await outcome(anonymous.invitations.preview({ token: tokenOf(first.acceptUrl) }))).toBe('NOT_FOUND');
  });
});
