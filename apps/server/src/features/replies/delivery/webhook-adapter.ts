import { z } from 'zod';
import { activeWebhookSecrets, type ChannelSecrets } from '../../channels/channel-secrets.ts';
import { signStandardWebhook } from '../../ingest/signatures.ts';
import { outcomeOfError, outcomeOfStatus, reasonOf, type AttemptOutcome } from './attempt-outcome.ts';
import { parseJson, readBody, send } from './delivery-http.ts';
import type { DeliveryContext } from './delivery.repository.ts';
import type { AttemptInput } from './x-adapter.ts';

/**
 * Replies through a generic webhook channel: a POST of the reply to the brand's own system (`config.replyUrl`,
 * set by `channels.configureReplyWebhook`), signed like inbound webhooks (Standard Webhooks, the channel's
 * current signing secret). `webhook-id` is the reply's id on every attempt: a resend after an uncertain attempt
 * (there is nothing to look up on a webhook) carries the same id, and the receiver drops the duplicate.
 */
const FIX_URL = "Change the channel's reply URL (Settings → Channels).";
const MAX_NETWORK_ID = 64;

const replyUrlSchema = z.string().min(1).max(2048);

/** The channel's reply URL, or null when outbound replies are off. */
export function replyUrlOf(config: unknown): string | null {
  const value = (config as { replyUrl?: unknown } | null)?.replyUrl;
  const parsed = replyUrlSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

export interface WebhookTarget {
  url: string;
  secret: string;
}

/** The channel's webhook settings, or the sentence that says what to fix. */
export function webhookTargetOf(config: unknown, secrets: ChannelSecrets, now: Date): WebhookTarget | string {
  const url = replyUrlOf(config);
  if (!url) return 'The webhook channel has no reply URL: set one in Settings → Channels, then retry.';
  const secret = activeWebhookSecrets(secrets, now)[0];
  if (!secret) return 'The webhook channel has no valid signing secret: rotate it in Settings → Channels, then retry.';
  return { url, secret };
}

/** The JSON Perch posts (documented in docs/replies-delivery.md). */
export function webhookPayload(input: AttemptInput, context: DeliveryContext) {
  const { reply } = input;
  return {
    type: 'reply.created',
    reply: {
      id: reply.id,
      conversationId: reply.conversationId,
      text: reply.text,
      isDirectMessage: reply.isDirectMessage,
      inReplyTo: reply.inReplyToExternalId,
      recipient: {
        id: reply.recipientExternalId ?? context.customerHandle?.externalUserId ?? null,
        username: context.customerHandle?.username ?? null,
      },
    },
    brand: { id: reply.brandId, name: context.brand?.name ?? null },
  };
}

const answerSchema = z.looseObject({ id: z.string().min(1).max(MAX_NETWORK_ID) });

export async function sendOnWebhook(
  target: WebhookTarget,
  input: AttemptInput,
  context: DeliveryContext,
): Promise<AttemptOutcome> {
  const body = JSON.stringify(webhookPayload(input, context));
  const timestamp = Math.floor(input.clock.now / 1000);
  let res: Response;
  try {
    res = await send(input.http, target.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Perch-Webhooks/1',
        'webhook-id': input.reply.id,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signStandardWebhook(target.secret, input.reply.id, timestamp, body),
      },
      body,
    });
  } catch (error) {
    return outcomeOfError(error, 'The reply webhook', FIX_URL, input.clock);
  }
  const text = await readBody(res);
  if (res.status < 200 || res.status > 299) {
    return outcomeOfStatus(res, reasonOf(res, text, 'The reply webhook answered'), input.clock);
  }
  const parsed = answerSchema.safeParse(parseJson(text));
  return { kind: 'sent', networkId: parsed.success ? parsed.data.id : null };
}
