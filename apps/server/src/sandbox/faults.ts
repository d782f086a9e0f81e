import { z } from 'zod';
import type { Prng } from './prng.ts';
import { ENDPOINTS, type Endpoint } from './rate-limit.ts';

/**
 * Failure injection for the /2 API, switchable at runtime (HTTP or code), so the connector's retry, back-off
 * and dead-letter paths can be exercised on demand. Decisions come from the sandbox's seeded PRNG.
 */
const rate = z.number().min(0).max(1);

export const faultSettingsSchema = z.strictObject({
  /** Share of requests answered 500/502/503 (retryable). */
  error5xxRate: rate,
  /** Share answered 429 with an empty budget and the window's reset (retry after `x-rate-limit-reset`). */
  rateLimit429Rate: rate,
  /** Added to every /2 response, in milliseconds. */
  latencyMs: z.number().int().min(0).max(120_000),
  /** Share of requests that never get an answer: the client's own timeout must fire. */
  timeoutRate: rate,
  /** Share answered 403 with an X error body (permanent: must not be retried). */
  permanent4xxRate: rate,
  /**
   * Share of writes (POST /2/tweets, a DM send) that are carried out — the post or message exists — and then never
   * answered: the client's timeout fires and it cannot know whether the write happened.
   */
  lostResponseRate: rate,
  /** Restricts the faults to some endpoints; null means every /2 endpoint. */
  endpoints: z.array(z.enum(ENDPOINTS)).nullable(),
});

export type FaultSettings = z.infer<typeof faultSettingsSchema>;
export type FaultKind = 'timeout' | '5xx' | '429' | '4xx' | 'lost';

export const NO_FAULTS: Readonly<FaultSettings> = {
  error5xxRate: 0,
  rateLimit429Rate: 0,
  latencyMs: 0,
  timeoutRate: 0,
  permanent4xxRate: 0,
  lostResponseRate: 0,
  endpoints: null,
};

export interface FaultDecision {
  latencyMs: number;
  /** 'lost' is decided before the handler but applied after it: the write is done, the answer never sent. */
  fault: FaultKind | null;
  /** For '5xx': which status to answer. */
  status: 500 | 502 | 503;
}

export class FaultController {
  private settings: FaultSettings = { ...NO_FAULTS };
  /** How many of each fault were injected (tests assert on it). */
  readonly injected: Record<FaultKind, number> = { timeout: 0, '5xx': 0, '429': 0, '4xx': 0, lost: 0 };

  private readonly prng: Prng;

  constructor(prng: Prng) {
    this.prng = prng;
  }

  get(): FaultSettings {
    return { ...this.settings };
  }

  /** Changes some settings (validated; throws a ZodError on a bad value) and returns the whole set. */
  set(partial: Partial<FaultSettings>): FaultSettings {
    const merged = faultSettingsSchema.parse({ ...this.settings, ...partial });
    this.settings = merged;
    return this.get();
  }

  reset(): FaultSettings {
    this.settings = { ...NO_FAULTS };
    return this.get();
  }

  /** `write`: the request creates something (only writes can lose their answer). */
  decide(endpoint: Endpoint, write = false): FaultDecision {
    const s = this.settings;
    const applies = s.endpoints === null || s.endpoints.includes(endpoint);
    const decision: FaultDecision = { latencyMs: applies ? s.latencyMs : 0, fault: null, status: 503 };
    if (!applies) return decision;
    // One draw per kind, in a fixed order, so the same seed gives the same faults whatever the rates are.
    // The lost-response draw came later and is appended last, keeping the order of the others.
    const [timeout = 1, error5xx = 1, limited = 1, permanent = 1, which = 0, lost = 1] = Array.from({ length: 6 }, () =>
      this.prng.next(),
    );
    decision.status = ([500, 502, 503] as const)[Math.floor(which * 3)] ?? 503;
    if (timeout < s.timeoutRate) decision.fault = 'timeout';
    else if (error5xx < s.error5xxRate) decision.fault = '5xx';
    else if (limited < s.rateLimit429Rate) decision.fault = '429';
    else if (permanent < s.permanent4xxRate) decision.fault = '4xx';
    else if (write && lost < s.lostResponseRate) decision.fault = 'lost';
    // A lost response is counted when it is applied (a write refused by the handler answers normally).
    if (decision.fault && decision.fault !== 'lost') this.injected[decision.fault] += 1;
    return decision;
  }
}
