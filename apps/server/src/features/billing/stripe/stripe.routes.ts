import type { FastifyInstance } from 'fastify';
import type { Config } from '../../../config.ts';
import type { Db } from '../../../db/database.ts';
import type { EventBus } from '../../../live/event-bus.ts';
import { applyStripeEvent, stripeEventSchema } from './stripe-events.ts';
import { verifyStripeSignature } from './stripe-signature.ts';

export const STRIPE_WEBHOOK_ROUTE = '/webhooks/stripe';
const BODY_LIMIT = 512 * 1024;

/**
 * Stripe's webhook endpoint. The signature is checked on the raw bytes before anything is read or written
 * (400, nothing stored); then the event is recorded and applied in one transaction, and 200 answers only after
 * COMMIT — a failure answers 500 and Stripe delivers again. Without Stripe configured the endpoint does not exist.
 */
export async function registerStripeRoutes(
  app: FastifyInstance,
  deps: { db: Db; bus: EventBus; config: Pick<Config, 'stripe'> },
) {
  const stripe = deps.config.stripe;
  if (!stripe) return;
  await app.register((scope, _options, done) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: BODY_LIMIT }, (_req, body, next) =>
      next(null, body),
    );
    scope.post(STRIPE_WEBHOOK_ROUTE, async (req, reply) => {
      const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const verified = verifyStripeSignature({
        secrets: stripe.webhookSecrets,
        header: req.headers['stripe-signature'],
        rawBody,
        nowSec: Math.floor(Date.now() / 1000),
      });
      if (!verified.ok) {
        req.log.warn({ reason: verified.reason }, 'stripe: webhook refused');
        return reply.code(400).send({ error: { message: 'Invalid signature', reason: verified.reason } });
      }
      let json: unknown;
      try {
        json = JSON.parse(rawBody.toString('utf8'));
      } catch {
        return reply.code(400).send({ error: { message: 'Invalid JSON' } });
      }
      const event = stripeEventSchema.safeParse(json);
      if (!event.success) return reply.code(400).send({ error: { message: 'Not a Stripe event' } });
      const outcome = await applyStripeEvent(deps, event.data);
      req.log.info({ eventId: event.data.id, type: event.data.type, outcome }, 'stripe: event');
      return reply.code(200).send({ received: true, outcome });
    });
    done();
  });
}
