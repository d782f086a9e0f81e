import { guardedFetch, type Resolver } from '../../../lib/ssrf-guard.ts';

/** How adapters reach the network: through the SSRF guard (S6), with a timeout on every request. */
export interface DeliveryHttp {
  trustedOrigins?: readonly string[] | undefined;
  resolve?: Resolver | undefined;
  timeoutMs: number;
  /**
   * When the attempt must be over (real time, ms): before its lease ends, so that no other worker can take the
   * reply over while one of this attempt's requests may still reach the network.
   */
  deadline: number;
}

/** Thrown before a request when the attempt's time is up: nothing was sent. */
export class AttemptDeadlineError extends Error {
  override name = 'AttemptDeadlineError';
  readonly code = 'ATTEMPT_DEADLINE';
}

/** The part of a lease an attempt may use: the rest is a margin for recording the outcome. */
export function attemptDeadline(leaseMs: number, startedAt = Date.now()): number {
  return startedAt + leaseMs - Math.min(5_000, leaseMs / 4);
}

export const DEFAULT_TIMEOUT_MS = 15_000;
/** Answers are read up to this size (an id or an error message): a huge body is not Perch's business. */
const MAX_BODY_BYTES = 64 * 1024;

export function send(
  http: DeliveryHttp,
  url: string | URL,
  init: { method: 'GET' | 'POST'; headers: Record<string, string>; body?: string },
): Promise<Response> {
  const left = http.deadline - Date.now();
  if (left < Math.min(1_000, http.timeoutMs)) {
    return Promise.reject(new AttemptDeadlineError('the attempt ran out of time before this request'));
  }
  return guardedFetch(url, {
    ...init,
    signal: AbortSignal.timeout(Math.min(http.timeoutMs, left)),
    trustedOrigins: http.trustedOrigins,
    ...(http.resolve ? { resolve: http.resolve } : {}),
  });
}

/** The body as text, at most 64 KiB (the rest is discarded). Never throws: an unreadable body reads as ''. */
export async function readBody(res: Response): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
      if (size >= MAX_BODY_BYTES) {
        await reader.cancel();
        break;
      }
    }
  } catch {
    return '';
  }
  return Buffer.concat(chunks).subarray(0, MAX_BODY_BYTES).toString('utf8');
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
