import { describe, expect, it } from 'vitest';
import { UnsafeUrlError } from '../../../lib/ssrf-guard.ts';
import { outcomeOfError, outcomeOfStatus, reasonOf } from './attempt-outcome.ts';
import { AttemptDeadlineError, attemptDeadline, send } from './delivery-http.ts';

const clock = { now: 1_000_000, attempt: 1, random: () => 0 };
const errorWithCode = (code: string) => Object.assign(new Error(`connect ${code}`), { code });

describe('what an attempt ended with', () => {
  it("reads X's problem bodies into a readable reason", () => {
    const forbidden = new Response(null, { status: 403, statusText: 'Forbidden' });
    const body = JSON.stringify({
      title: 'Forbidden',
      detail: 'You are not allowed to create a Tweet with duplicate content.',
      errors: [{ message: 'You are not allowed to create a Tweet with duplicate content.' }],
    });
    expect(reasonOf(forbidden, body, 'X')).toBe(
      'X 403 Forbidden: You are not allowed to create a Tweet with duplicate content.',
    );
    const unauthorized = new Response(null, { status: 401 });
    expect(reasonOf(unauthorized, '{"title":"Unauthorized","detail":"Unauthorized"}', 'X')).toBe(
      'X 401 Unauthorized: Unauthorized',
    );
    expect(reasonOf(new Response(null, { status: 400 }), 'x'.repeat(5_000), 'X').length).toBeLessThanOrEqual(1_000);
  });

  it('429 and 5xx retry (outcome known), other 4xx are permanent', () => {
    expect(outcomeOfStatus(new Response(null, { status: 503 }), 'X 503', clock)).toEqual({
      kind: 'retry',
      error: 'X 503',
      at: new Date(1_001_000),
      outcomeUnknown: false,
    });
    expect(outcomeOfStatus(new Response(null, { status: 408 }), 'X 408', clock).kind).toBe('retry');
    const limited = new Response(null, { status: 429, headers: { 'retry-after': '60' } });
    expect(outcomeOfStatus(limited, 'X 429', clock)).toMatchObject({ kind: 'retry', at: new Date(1_060_000) });
    for (const status of [400, 401, 403, 404, 422]) {
      expect(outcomeOfStatus(new Response(null, { status }), `X ${status}`, clock).kind).toBe('dead');
    }
  });

  it('a timeout or a reset may have posted; a refused connection or DNS failure did not; an unsafe URL is dead', () => {
    const timeout = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    expect(outcomeOfError(timeout, 'X', 'fix', clock)).toMatchObject({ kind: 'retry', outcomeUnknown: true });
    expect(outcomeOfError(errorWithCode('ECONNRESET'), 'X', 'fix', clock)).toMatchObject({ outcomeUnknown: true });
    expect(outcomeOfError(errorWithCode('ECONNREFUSED'), 'X', 'fix', clock)).toMatchObject({
      kind: 'retry',
      outcomeUnknown: false,
      error: 'X: could not connect (ECONNREFUSED)',
    });
    expect(outcomeOfError(errorWithCode('ENOTFOUND'), 'X', 'fix', clock)).toMatchObject({ outcomeUnknown: false });
    expect(
      outcomeOfError(new UnsafeUrlError('http://10.0.0.1 is not a public address (private)'), 'X', 'Fix it.', clock),
    ).toEqual({ kind: 'dead', error: 'X: http://10.0.0.1 is not a public address (private). Fix it.' });
  });

  it('an attempt never outlives its lease: no request starts once its time is up (nothing sent)', async () => {
    expect(attemptDeadline(60_000, 0)).toBe(55_000);
    expect(attemptDeadline(1_000, 0)).toBe(750);
    const late = send({ timeoutMs: 15_000, deadline: Date.now() + 500 }, 'https://x.example.com/2/tweets', {
      method: 'POST',
      headers: {},
    });
    await expect(late).rejects.toBeInstanceOf(AttemptDeadlineError);
    expect(outcomeOfError(await late.catch((e: unknown) => e), 'X', 'fix', clock)).toMatchObject({
      kind: 'retry',
      outcomeUnknown: false,
      error: 'X: the attempt ran out of time before sending',
    });
  });
});
