import { PRESENCE_TTL_MS } from '@perch/shared';
import type { EventBus, LiveEvent } from '../../live/event-bus.ts';

interface Entry {
  typing: boolean;
  expiresAt: number;
}

/**
 * Who is viewing or typing in which conversation: memory only, entries expire PRESENCE_TTL_MS after the last
 * heartbeat. Processes share it through the event bus: a heartbeat publishes `presence.changed`, and every
 * process records the presence events it hears for the organizations it has been asked about (it subscribes to
 * an organization on first use: until then it has nobody to tell). Losing it all on a restart costs at most one
 * TTL of "who is here".
 */
export class PresenceStore {
  readonly #byConversation = new Map<string, Map<string, Entry>>();
  readonly #subscribed = new Set<string>();
  readonly #unsubscribe: (() => void)[] = [];
  #sweptAt = 0;
  private readonly bus: EventBus;
  private readonly now: () => number;

  constructor(bus: EventBus, now: () => number = Date.now) {
    this.bus = bus;
    this.now = now;
  }

  /** Records a heartbeat here and tells the other processes. */
  async heartbeat(event: {
    organizationId: string;
    brandId: string;
    conversationId: string;
    userId: string;
    typing: boolean;
  }) {
    this.listen(event.organizationId);
    const expiresAt = this.now() + PRESENCE_TTL_MS;
    this.record(event.conversationId, event.userId, { typing: event.typing, expiresAt });
    const live: LiveEvent = {
      organizationId: event.organizationId,
      brandId: event.brandId,
      type: 'presence.changed',
      conversationId: event.conversationId,
      presence: { userId: event.userId, typing: event.typing, expiresAt: new Date(expiresAt).toISOString() },
      at: new Date(this.now()).toISOString(),
    };
    await this.bus.publish([live]);
    return new Date(expiresAt);
  }

  /** Who is present in the conversation now, by user id. */
  present(organizationId: string, conversationId: string): { userId: string; typing: boolean; expiresAt: Date }[] {
    this.listen(organizationId);
    const entries = this.#byConversation.get(conversationId);
    if (!entries) return [];
    const now = this.now();
    const out = [];
    for (const [userId, entry] of entries) {
      if (entry.expiresAt <= now) entries.delete(userId);
      else out.push({ userId, typing: entry.typing, expiresAt: new Date(entry.expiresAt) });
    }
    if (entries.size === 0) this.#byConversation.delete(conversationId);
    return out;
  }

  close() {
    for (const off of this.#unsubscribe.splice(0)) off();
    this.#subscribed.clear();
  }

  private listen(organizationId: string) {
    if (this.#subscribed.has(organizationId)) return;
    this.#subscribed.add(organizationId);
    this.#unsubscribe.push(
      this.bus.subscribe(organizationId, (event) => {
        if (event.type !== 'presence.changed' || !event.presence || !event.conversationId) return;
        const expiresAt = Date.parse(event.presence.expiresAt);
        if (Number.isFinite(expiresAt)) {
          this.record(event.conversationId, event.presence.userId, { typing: event.presence.typing, expiresAt });
        }
      }),
    );
  }

  private record(conversationId: string, userId: string, entry: Entry) {
    this.sweep();
    let entries = this.#byConversation.get(conversationId);
    if (!entries) this.#byConversation.set(conversationId, (entries = new Map<string, Entry>()));
    const known = entries.get(userId);
    // The same heartbeat comes back from the bus: keep the later expiry.
    if (!known || known.expiresAt <= entry.expiresAt) entries.set(userId, entry);
  }

  /** Drops expired entries of conversations nobody asks about any more (at most once per TTL). */
  private sweep() {
    const now = this.now();
    if (now - this.#sweptAt < PRESENCE_TTL_MS) return;
    this.#sweptAt = now;
    for (const [conversationId, entries] of this.#byConversation) {
      for (const [userId, entry] of entries) if (entry.expiresAt <= now) entries.delete(userId);
      if (entries.size === 0) this.#byConversation.delete(conversationId);
    }
  }
}

/** One store per bus (per process; tests make one bus per test database). */
const stores = new WeakMap<EventBus, PresenceStore>();
export function presenceFor(bus: EventBus): PresenceStore {
  let store = stores.get(bus);
  if (!store) stores.set(bus, (store = new PresenceStore(bus)));
  return store;
}
