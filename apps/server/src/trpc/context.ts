import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import type { Logger } from '../logger.ts';
import type { EventBus } from '../live/event-bus.ts';
import type { Queue } from '../queue/queue.ts';
import { findSessionByToken, type SessionUser } from '../features/auth/session.repository.ts';

/** How the tRPC layer sets or clears the session cookie; HTTP provides it, tests provide a recorder. */
export interface SessionCookies {
  set(token: string, expiresAt: Date): void;
  clear(): void;
}

export interface Context {
  db: Db;
  log: Logger;
  config: Pick<Config, 'sessionTtlMs' | 'publicUrl' | 'secretKey' | 'trustedOrigins' | 'stripe'>;
  session: { id: string; user: SessionUser } | null;
  ip: string | null;
  userAgent: string | null;
  cookies: SessionCookies;
  /** The job queue (dead letters, scheduling) and the live event bus of this process. */
  queue: Queue;
  bus: EventBus;
}

export interface ContextInput {
  db: Db;
  log: Logger;
  config: Pick<Config, 'sessionTtlMs' | 'publicUrl' | 'secretKey' | 'trustedOrigins' | 'stripe'>;
  sessionToken: string | null | undefined;
  ip?: string | null;
  userAgent?: string | null;
  cookies: SessionCookies;
  queue: Queue;
  bus: EventBus;
}

/** Builds a context without HTTP (house style: tests call this through createCaller). */
export async function createContextInner(input: ContextInput): Promise<Context> {
  const session = input.sessionToken ? await findSessionByToken(input.db, input.sessionToken) : null;
  return {
    db: input.db,
    log: input.log,
    config: input.config,
    session,
    ip: input.ip ?? null,
    userAgent: input.userAgent?.slice(0, 400) ?? null,
    cookies: input.cookies,
    queue: input.queue,
    bus: input.bus,
  };
}
