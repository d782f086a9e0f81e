import { liveEventsInput } from '@perch/shared';
import { DomainError } from '../lib/errors.ts';
import { getBrand } from '../features/brands/brands.repository.ts';
import { orgProcedure, router } from '../trpc/init.ts';
import type { EventBus, LiveEvent } from './event-bus.ts';

/** Events buffered for a slow client; beyond it the oldest are dropped and the client is told to resync. */
const MAX_BUFFERED = 1_000;

export const liveRouter = router({
  /**
   * Server-sent events of the caller's organization (optionally one brand): what changed, never the content.
   * A client refetches what it shows on each event, and everything when it (re)connects or is told to resync.
   */
  events: orgProcedure.input(liveEventsInput).subscription(async ({ ctx, input, signal }) => {
    const { organizationId } = ctx.member;
    // Checked before the stream starts: a foreign brand is refused at once, like any other procedure.
    if (input.brandId && !(await getBrand(ctx.db, organizationId, input.brandId))) {
      throw new DomainError('NOT_FOUND', 'Brand not found');
    }
    if (input.brandId && ctx.member.brandIds.length > 0 && !ctx.member.brandIds.includes(input.brandId)) {
      throw new DomainError('NOT_FOUND', 'Brand not found');
    }
    return stream(ctx.bus, organizationId, audience(ctx.user.id, ctx.member.brandIds, input.brandId), signal);
  }),
});

/**
 * Which events a subscriber hears: recipient-only events (`userId`) reach that user alone; a member limited to
 * some brands hears only those brands' events (an event without a brand concerns the organization as a whole).
 */
function audience(userId: string, memberBrandIds: readonly string[], brandId: string | undefined) {
  return (event: LiveEvent) => {
    if (event.userId && event.userId !== userId) return false;
    if (brandId && event.brandId && event.brandId !== brandId) return false;
    if (memberBrandIds.length > 0 && event.brandId && !memberBrandIds.includes(event.brandId)) return false;
    return true;
  };
}

async function* stream(
  bus: EventBus,
  organizationId: string,
  hears: (event: LiveEvent) => boolean,
  signal?: AbortSignal,
) {
  const buffered: LiveEvent[] = [];
  let overflowed = false;
  let wake: (() => void) | null = null;
  const unsubscribe = bus.subscribe(organizationId, (event) => {
    if (!hears(event)) return;
    if (buffered.length >= MAX_BUFFERED) {
      buffered.shift();
      overflowed = true;
    }
    buffered.push(event);
    wake?.();
  });
  const aborted = new Promise<void>((resolve) => signal?.addEventListener('abort', () => resolve(), { once: true }));
  try {
    yield { type: 'ready' as const, at: new Date().toISOString() };
    while (!signal?.aborted) {
      if (overflowed) {
        overflowed = false;
        yield { type: 'resync' as const, at: new Date().toISOString() };
      }
      const next = buffered.shift();
      if (next) {
        yield next;
        continue;
      }
      await Promise.race([new Promise<void>((resolve) => (wake = resolve)), aborted]);
      wake = null;
    }
  } finally {
    unsubscribe();
  }
}
