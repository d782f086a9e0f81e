import type { FullConfig } from '@playwright/test';

/** How long the demo's start-up work may take before the suite gives up (about 40 s embedded, quiet, 2026-12-01). */
const SETTLE_TIMEOUT_MS = 10 * 60_000;
const PROGRESS_EVERY_MS = 30_000;
const POLL_MS = 2_000;

/**
 * Runs after the web server answers /readyz: waits until the demo's start-up work is done — every seeded
 * conversation's SLA clocks synced and its metrics computed (`perch_dirty_conversations` at 0 for every consumer, on
 * two reads in a row). On the embedded database that work shares the one connection with the tests' requests; a
 * test started meanwhile waits seconds for each of them and runs out of time.
 */
export default async function globalSetup(config: FullConfig) {
  const baseURL = config.projects[0]?.use.baseURL;
  if (!baseURL) throw new Error('global setup: no baseURL in the Playwright config');
  const started = Date.now();
  let zeroReads = 0;
  let last = 'no answer yet';
  let told = started;
  while (Date.now() - started < SETTLE_TIMEOUT_MS) {
    const pending = await dirtyConversations(baseURL).catch((error: unknown) => {
      last = String(error);
      return null;
    });
    if (pending) {
      last = JSON.stringify(pending);
      const total = Object.values(pending).reduce((a, b) => a + b, 0);
      zeroReads = total === 0 ? zeroReads + 1 : 0;
      if (Date.now() - told >= PROGRESS_EVERY_MS) {
        told = Date.now();
        console.log(`[e2e] waiting for the demo's start-up work: ${last} conversations left`);
      }
      if (zeroReads === 2) {
        console.log(`[e2e] demo start-up work done after ${((Date.now() - started) / 1000).toFixed(1)} s`);
        return;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  throw new Error(`global setup: the demo's start-up work was not done after ${SETTLE_TIMEOUT_MS / 1000} s (${last})`);
}

/** The `perch_dirty_conversations` gauge of /metrics, by consumer. */
async function dirtyConversations(baseURL: string): Promise<Record<string, number>> {
  const res = await fetch(new URL('/metrics', baseURL), { signal: AbortSignal.timeout(30_000) });
  if (!res.ok) throw new Error(`/metrics answered ${res.status}`);
  const body = await res.text();
  const counts: Record<string, number> = {};
  for (const m of body.matchAll(/^perch_dirty_conversations\{consumer="([^"]+)"\} (\d+)$/gm)) {
    counts[m[1]!] = Number(m[2]);
  }
  if (Object.keys(counts).length === 0) throw new Error('/metrics has no perch_dirty_conversations gauge');
  return counts;
}
