import type { Db } from '../../db/database.ts';
import {
  createChannel,
  updateChannelConfig,
  updateChannelExternalId,
  updateChannelSecrets,
} from './channels.repository.ts';
import { sealChannelSecrets } from './channel-secrets.ts';

/** The consumer secret of the demo's sandbox X channels (the sandbox is local; this protects nothing real). */
export const DEMO_CONSUMER_SECRET = 'perch-sandbox-consumer-secret';

/** The user token of a demo brand's sandbox account: what the channel posts replies with (docs/sandbox.md). */
export const sandboxUserToken = (handle: string) => `sandbox-user-${handle}`;

/** A demo brand's sandbox X channel, found by this name (the demo seed may create it before the sandbox runs). */
export const sandboxChannelName = (handle: string) => `X @${handle} (sandbox)`;

/**
 * Makes sure `brandId` has an X channel for the sandbox account `xUserId` (the sandbox is in memory, so its ids
 * and port may change on every start): creates it the first time, re-points it afterwards. The channel replies
 * through the sandbox (`config.apiBaseUrl`) with the brand's user token.
 */
export async function ensureSandboxChannel(
  db: Db,
  secretKey: Buffer,
  brand: { id: string; organizationId: string; handle: string },
  xUserId: string,
  sandboxUrl: string,
) {
  const secrets = sealChannelSecrets(secretKey, brand.organizationId, {
    consumerSecret: DEMO_CONSUMER_SECRET,
    accessToken: sandboxUserToken(brand.handle),
  });
  const name = sandboxChannelName(brand.handle);
  const existing = await db.channel.findFirst({
    where: { organizationId: brand.organizationId, brandId: brand.id, kind: 'x', name },
    select: { id: true },
  });
  if (existing) {
    await updateChannelExternalId(db, existing.id, xUserId);
    await updateChannelSecrets(db, existing.id, secrets);
    await updateChannelConfig(db, existing.id, { apiBaseUrl: sandboxUrl });
    return existing.id;
  }
  const created = await createChannel(db, {
    organizationId: brand.organizationId,
    brandId: brand.id,
    kind: 'x',
    name,
    externalId: xUserId,
    secrets,
    config: { apiBaseUrl: sandboxUrl },
  });
  return created.id;
}
