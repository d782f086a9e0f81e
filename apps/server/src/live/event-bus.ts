import { EventEmitter } from 'node:events';

/**
 * What the inbox hears about, live. Small on purpose (ids and a type, never message text): a client that
 * receives one refetches what it shows, so an event lost in a reconnect costs a refetch, never data.
 * On PostgreSQL a payload travels by NOTIFY, whose limit is 8,000 bytes.
 */
export interface LiveEvent {
  organizationId: string;
  /** The brand the fact concerns; absent for organization-wide facts (teams, agents), heard by every member. */
  brandId?: string;
  type:
    | 'conversation.created'
    | 'conversation.updated'
    | 'mention.received'
    | 'mention.deleted'
    /** Too many conversations changed at once (a bulk import): refetch the brand's views. */
    | 'inbox.bulk_changed'
    | 'channel.updated'
    | 'job.dead'
    /** Someone started or stopped viewing/typing in a conversation (see `presence`). */
    | 'presence.changed'
    /** A notification for `userId` (recipient-only): refetch the notification list and unread count. */
    | 'notification.created'
    /** A brand's tags were created, renamed, recoloured or deleted: refetch tag lists. */
    | 'tags.changed'
    /** Teams (names, brands served, members) changed: refetch team lists and the agents' teams. */
    | 'teams.changed'
    /** An agent's availability or capacity changed: refetch the agent list. */
    | 'agents.changed'
    /** A reply of `conversationId` changed its delivery state (queued, sending, sent, failed, dead…): refetch the thread. */
    | 'reply.updated'
    /** A reply started or stopped waiting for approval: refetch the Approvals view and its count. */
    | 'approvals.changed'
    /** A conversation's SLA clock warned, breached or was met (`conversationId`): refetch SLA figures and the wallboard. */
    | 'sla.changed'
    /** A brand's plan changed (`brandId`): refetch entitlements (locked features) and billing. */
    | 'plan.changed'
    /** Mentions of `brandId` were held over its quota, released or deleted: refetch the held counts and list. */
    | 'quota.changed';
  conversationId?: string;
  channelId?: string;
  /** Recipient-only: when set, only this user's streams receive the event. */
  userId?: string;
  /** With 'presence.changed': who, doing what, until when (ids and flags only; names are read by presenceOf). */
  presence?: { userId: string; typing: boolean; expiresAt: string };
  /** When the fact became true (commit time), for latency measurement (P3). */
  at: string;
}

export type LiveListener = (event: LiveEvent) => void;

/**
 * The event bus (ARCHITECTURE.md): publish after COMMIT, delivered to every subscriber of the organization in
 * every Perch process. In-process on the embedded database (one process); PostgreSQL LISTEN/NOTIFY on a real
 * server (see pg-event-bus.ts).
 */
export interface EventBus {
  publish(events: readonly LiveEvent[]): Promise<void>;
  subscribe(organizationId: string, listener: LiveListener): () => void;
  close(): Promise<void>;
}

/** Fans events out to this process's subscribers, by organization. */
export class LocalFanout {
  readonly #emitter = new EventEmitter();
  constructor() {
    // One listener per open browser tab: no fixed limit.
    this.#emitter.setMaxListeners(0);
  }
  deliver(event: LiveEvent) {
    this.#emitter.emit(event.organizationId, event);
  }
  subscribe(organizationId: string, listener: LiveListener) {
    this.#emitter.on(organizationId, listener);
    return () => void this.#emitter.off(organizationId, listener);
  }
  get listenerCount() {
    return this.#emitter.eventNames().reduce((n, name) => n + this.#emitter.listenerCount(name), 0);
  }
}

/** The bus of a single process (the embedded database, and tests). */
export function createLocalEventBus(): EventBus {
  const fanout = new LocalFanout();
  return {
    publish(events) {
      // Delivered on the next tick: a publisher never runs subscriber code inside its own call.
      for (const event of events) setImmediate(() => fanout.deliver(event));
      return Promise.resolve();
    },
    subscribe: (organizationId, listener) => fanout.subscribe(organizationId, listener),
    close: () => Promise.resolve(),
  };
}
