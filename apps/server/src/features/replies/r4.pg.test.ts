import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runR4, type R4Report } from '../../reliability/r4-replies.ts';
import { createScratchDatabase } from '../../reliability/scratch-database.ts';

/**
 * R4 (quality-bars.md), sized for CI: 200 replies through `sendReply` against the sandbox X network with faults on
 * (5xx, 429 with reset, timeouts, lost answers, permanent 4xx; on posts, DMs and the lookups), while the delivery worker — a process of its own,
 * src/worker-main.ts — is killed with SIGKILL 3 times and restarted. The full run (1,000 replies, 10 kills) is
 * `pnpm --filter @perch/server run reliability -- r4`. PostgreSQL only: the worker is another process.
 */
const serverUrl = process.env.TEST_DATABASE_URL;
if (!serverUrl) throw new Error('r4.pg.test.ts needs TEST_DATABASE_URL (a PostgreSQL server)');

const REPLIES = 200;
const KILLS = 3;
/**
 * Every kind of fault, at about half the full run's rates: a reply that fails six times in a row waits about
 * a minute and a half in back-off, which would make a CI run of this size slow and flaky without testing more.
 */
const CI_FAULTS = {
  error5xxRate: 0.08,
  rateLimit429Rate: 0.03,
  timeoutRate: 0.03,
  lostResponseRate: 0.04,
  permanent4xxRate: 0.03,
} as const;

describe('R4: replies under network faults and worker kills', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let report: R4Report;

  beforeAll(async () => {
    scratch = await createScratchDatabase(serverUrl, 'perch_r4_test');
    report = await runR4({
      db: scratch.db,
      databaseUrl: scratch.url,
      replies: REPLIES,
      kills: KILLS,
      seed: 7,
      faults: CI_FAULTS,
      // Usually settled in 40–110 s; a reply unlucky six times in a row (a kill, failed lookups, 5xx) sits about
      // two minutes in its back-off, which must not fail the run.
      settleTimeoutMs: 240_000,
      log: pino({ level: 'silent' }),
    });
    // The figures, for the CI log: duplicates are counted and reported, not hidden.
    console.info(`R4 (CI size): ${JSON.stringify(report)}`);
  }, 330_000);

  afterAll(async () => {
    await scratch.dispose();
  });

  it('ends every reply sent or dead, each dead one with its reason, and loses none', () => {
    expect(report.notFinal).toBe(0);
    expect(report.lost).toBe(0);
    expect((report.byState.sent ?? 0) + (report.byState.dead ?? 0)).toBe(REPLIES);
    expect(report.deadWithoutReason).toBe(0);
    for (const { reason } of report.deadReasons) expect(reason).toMatch(/^(X \d{3}|Gave up after)/);
  });

  it('matches the network: every sent reply is there, nothing unknown is, nothing dead was posted', () => {
    // A reply shown `dead` that the customer did see would be as wrong as a lost one.
    expect(report.sentButMissing).toBe(0);
    expect(report.unaccountedOnNetwork).toBe(0);
    expect(report.deadButPosted).toBe(0);
  });

  it('posts twice at most in the crash window (between the network accepting and Perch committing)', () => {
    // An uncertain attempt is looked up on X before it is sent again, so a lost answer or a timeout never makes a
    // second post; only a kill between X's acceptance and Perch's commit can, at most once per kill.
    expect(report.duplicates.total).toBeLessThanOrEqual(report.killsDone);
  });

  it('really ran the storm: every kind of fault, the kills, and replies found by lookup', () => {
    expect(report.killsDone).toBe(KILLS);
    for (const kind of ['5xx', '429', 'timeout', 'lost', '4xx'])
      expect(report.faultsInjected[kind], kind).toBeGreaterThan(0);
    expect(report.attempts.reconciled).toBeGreaterThan(0);
    expect(report.directMessages).toBeGreaterThan(0);
  });
});
