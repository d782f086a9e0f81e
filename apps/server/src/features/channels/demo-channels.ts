import type { Db } from '../../db/database.ts';
import { createChannel, updateChannelExternalId } from './channels.repository.ts';
import { sealChannelSecrets } from './channel-secrets.ts';

/** The consumer secret of the demo's sandbox X channels (the sandbox is local; this protects nothing real). */
export const DEMO_CONSUMER_SECRET = 'perch-sandbox-consumer-secret';

/**
 * Makes sure `brandId` has an X channel for the sandbox account `xUserId` (the sandbox is in memory, so its ids
 * change on every start): creates it the first time, re-points it afterwards.
 */
export async function ensureSandboxChannel(
  db: Db,
  secretKey: Buffer,
  brand: { id: string; organizationId: string; handle: string },
  xUserId: string,
) {
  const name = `X @${brand.handle} (sandbox)`;
  const existing = await db.channel.findFirst({
    where: { organizationId: brand.organizationId, brandId: brand.id, kind: 'x', name },
    select: { id: true },
  });
  if (existing) {
    await updateChannelExternalId(db, existing.id, xUserId);
    return existing.id;
  }
  const created = await createChannel(db, {
    organizationId: brand.organizationId,
    brandId: brand.id,
    kind: 'x',
    name,
    externalId: xUserId,
    secrets: sealChannelSecrets(secretKey, brand.organizationId, { consumerSecret: DEMO_CONSUMER_SECRET }),
  });
  return created.id;
}
