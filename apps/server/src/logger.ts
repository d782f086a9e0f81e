import type { FastifyBaseLogger } from 'fastify';
import { pino } from 'pino';

/** Fastify's logger interface, implemented by pino: request loggers (`req.log`) carry the request id. */
export type Logger = FastifyBaseLogger;

export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: { paths: ['req.headers.cookie', 'req.headers.authorization', '*.password', '*.token'], remove: true },
  });
}
