import { UnsafeUrlError } from '../../../lib/ssrf-guard.ts';
import { backoffMs, rateLimitResetAt } from './backoff.ts';

/**
 * What one attempt (or one reconciliation lookup) ended with. The worker turns it into the reply's next state:
 * `sent`, `failed` with the time of the next attempt, or `dead`.
 */
export type AttemptOutcome =
  | { kind: 'sent'; networkId: string | null; reconciled?: boolean }
  | {
      kind: 'retry';
      error: string;
      /** When the next attempt may run (back-off, or the rate limit's reset). */
      at: Date;
      /** The request may have reached the network: look for the post before sending again. */
      outcomeUnknown: boolean;
    }
  | { kind: 'dead'; error: string };

export const MAX_ERROR_LENGTH = 1_000;
export const clip = (s: string, max = MAX_ERROR_LENGTH) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

export interface OutcomeClock {
  now: number;
  /** The attempt number that just ran (1 for the first), for the back-off. */
  attempt: number;
  random: () => number;
}

/** Errors raised before anything was written to the network: the reply was certainly not posted. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

const codeOf = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
};

/**
 * A request that threw. `what` names the destination for the reason ("X", "The reply webhook"); `fix` says
 * what an admin must change when the destination is refused by the SSRF guard.
 */
export function outcomeOfError(error: unknown, what: string, fix: string, clock: OutcomeClock): AttemptOutcome {
  if (error instanceof UnsafeUrlError) return { kind: 'dead', error: clip(`${what}: ${error.reason}. ${fix}`) };
  const at = new Date(clock.now + backoffMs(clock.attempt, clock.random));
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') {
    return {
      kind: 'retry',
      error: `${what}: no answer in time (the post may have been made)`,
      at,
      outcomeUnknown: true,
    };
  }
  const code = codeOf(error) ?? codeOf((error as { cause?: unknown } | null)?.cause);
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ATTEMPT_DEADLINE') {
    return { kind: 'retry', error: `${what}: the attempt ran out of time before sending`, at, outcomeUnknown: false };
  }
  if (code && NOT_SENT_CODES.has(code)) {
    return { kind: 'retry', error: clip(`${what}: could not connect (${code})`), at, outcomeUnknown: false };
  }
  // A reset or a closed socket after the request may have been written: assume it might have been posted.
  return {
    kind: 'retry',
    error: clip(`${what}: connection failed (${code ?? message.slice(0, 200)})`),
    at,
    outcomeUnknown: true,
  };
}

/** A non-2xx answer: 429 waits for the reset, 5xx and 408 back off, any other status is permanent. */
export function outcomeOfStatus(res: Response, reason: string, clock: OutcomeClock): AttemptOutcome {
  if (res.status === 429) {
    return { kind: 'retry', error: clip(reason), at: rateLimitResetAt(res.headers, clock.now), outcomeUnknown: false };
  }
  if (res.status >= 500 || res.status === 408) {
    const at = new Date(clock.now + backoffMs(clock.attempt, clock.random));
    return { kind: 'retry', error: clip(reason), at, outcomeUnknown: false };
  }
  return { kind: 'dead', error: clip(reason) };
}

/** `X 403 Forbidden: <detail or the first error's message>` from an X v2 problem body (or a plain text body). */
export function reasonOf(res: Response, text: string, what: string): string {
  const detail = detailOf(text);
  const statusText = res.statusText || httpStatusText(res.status);
  return clip(`${what} ${res.status}${statusText ? ` ${statusText}` : ''}${detail ? `: ${detail}` : ''}`);
}

const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

function detailOf(text: string): string {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return text.replace(/\s+/g, ' ').trim().slice(0, 300);
  }
  if (typeof body !== 'object' || body === null) return text.trim().slice(0, 300);
  const problem = body as { title?: unknown; detail?: unknown; errors?: unknown };
  const first: unknown = Array.isArray(problem.errors) ? problem.errors[0] : undefined;
  const error = typeof first === 'object' && first !== null ? (first as { message?: unknown; detail?: unknown }) : {};
  return [error.message, error.detail, problem.detail, problem.title].find(nonEmpty) ?? '';
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  408: 'Request Timeout',
  409: 'Conflict',
  410: 'Gone',
  413: 'Payload Too Large',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};
const httpStatusText = (status: number) => STATUS_TEXT[status] ?? '';
