import { z } from 'zod';
import { openSecret, sealSecret } from '../../lib/secret-box.ts';

/** What a channel keeps sealed at rest. Never returned to the browser. */
const channelSecretsSchema = z.object({
  consumerSecret: z.string().optional(),
  accessToken: z.string().optional(),
  /** Generic webhook signing secrets, newest first; an old one stays valid until `validUntil` (rotation). */
  webhookSecrets: z.array(z.object({ secret: z.string(), validUntil: z.string().nullable() })).optional(),
});
export type ChannelSecrets = z.infer<typeof channelSecretsSchema>;

export function sealChannelSecrets(key: Buffer, organizationId: string, secrets: ChannelSecrets) {
  return new Uint8Array(sealSecret(key, JSON.stringify(secrets), organizationId));
}

export function openChannelSecrets(key: Buffer, organizationId: string, sealed: Uint8Array | null): ChannelSecrets {
  if (!sealed) return {};
  return channelSecretsSchema.parse(JSON.parse(openSecret(key, sealed, organizationId)));
}

/** The webhook secrets still valid at `now` (the current one and any in its grace period). */
export function activeWebhookSecrets(secrets: ChannelSecrets, now: Date): string[] {
  return (secrets.webhookSecrets ?? [])
    .filter((s) => s.validUntil === null || new Date(s.validUntil) > now)
    .map((s) => s.secret);
}
