import type { ErrorCode } from '@perch/shared';

/**
 * The one error type services throw. Services never import tRPC; the tRPC layer maps `code` to an HTTP/tRPC
 * code in one place (trpc/init.ts) and passes `code` to the client as `perchCode`.
 */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.code = code;
    this.details = details;
    this.name = 'DomainError';
  }
}

export const notFound = (what: string) => new DomainError('NOT_FOUND', `${what} not found`);
export const forbidden = (message = 'You do not have permission to do this') => new DomainError('FORBIDDEN', message);
