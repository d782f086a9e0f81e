import type { Db } from '../../db/database.ts';
import { TEST_SECRET_KEY, type TenantFixture } from '../../../test/harness.ts';
import { createXChannel } from './channels.service.ts';

/** Test support: an X channel of the tenant's first brand, created by its owner; returns the channel's id. */
export async function createXChannelFixture(
  db: Db,
  t: TenantFixture,
  input: { name: string; xUserId: string; consumerSecret: string },
): Promise<string> {
  const actor = { userId: t.users.owner.userId, organizationId: t.organizationId, ip: null, role: 'owner' as const };
  const x = await createXChannel(db, { secretKey: TEST_SECRET_KEY, publicUrl: 'http://perch.test' }, actor, {
    organizationId: t.organizationId,
    brandId: t.brandIds[0]!,
    ...input,
  });
  return x.channel.id;
}
