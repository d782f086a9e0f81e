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
    return stream(ctx.bus, organizationId, input.brandId, signal);
  }),
});

async function* stream(bus: EventBus, organizationId: string, brandId: string | undefined, signal?: AbortSignal) {
  const buffered: LiveEvent[] = [];
  let overflowed = false;
  let wake: (() => void) | null = null;
  const unsubscribe = bus.subscribe(organizationId, (event) => {
    if (brandId && event.brandId !== brandId) return;
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
