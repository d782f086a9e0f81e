/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { chromium, type Page } from 'playwright-core';
import { BENCH_EMAIL, BENCH_PASSWORD, type Dataset } from './dataset.ts';
import type { startServer } from './server-process.ts';

export interface RenderFigures {
  /** From the click that opens the list to the frame that shows it, with every row loaded (median of the returns). */
  renderMs: number;
  /** Each return's time (the virtualised list is left and opened again RETURNS times). */
  renderSamplesMs?: number[];
  /** Frames during a 2 s scroll through the list (the median pass of SCROLLS). */
  frames: number;
  p95FrameMs: number;
  /** Frames longer than 50 ms (three refreshes at 60 Hz): the scroll visibly stutters. */
  droppedFrames: number;
  /** Requests the page made during the scroll (none: the list scrolls from memory). */
  requestsDuringScroll: number;
  /** Each pass's frames over 50 ms, in order. */
  droppedFramesPerPass?: number[];
}

export interface P9Result {
  rows: number;
  virtualised: RenderFigures;
  /** The same rows as a plain, non-virtualised table (every row in the DOM), in the same page. */
  baseline: RenderFigures;
  vsBaseline: number;
}

const TARGET_ROWS = 10_000;
/** Times the list is left and opened again: one return is one sample, as noisy as a single frame. */
const RETURNS = 5;
/**
 * 2 s scrolls from the top, per list: one frame over 50 ms also happens to the plain table on this 2-core machine
 * (headless Chromium rasterises on the CPU), so the figures are the median pass, and every pass is kept.
 */
const SCROLLS = 3;

/**
 * P9: the inbox in Debian's Chromium with 10,000 rows loaded. The list pages in (50 rows per page, by scrolling,
 * as an agent would), then the inbox is left and opened again — the rows come from the query cache — and the
 * time from the click to the frame showing the list is measured, then a 2 s scroll. Baseline: the same rows'
 * text as a plain table of 10,000 rows built in the same page (no virtualisation).
 */
export async function measureRender(
  server: Awaited<ReturnType<typeof startServer>>,
  ds: Dataset,
  chromiumPath: string,
  log: (line: string) => void,
): Promise<P9Result> {
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
    const page = await context.newPage();
    const signIn = await page.request.post(`${server.url}/trpc/auth.signIn`, {
      headers: { 'x-perch-csrf': '1' },
      data: { email: BENCH_EMAIL, password: BENCH_PASSWORD },
    });
    if (!signIn.ok()) throw new Error(`P9: sign-in failed (${signIn.status()})`);
    const inbox = `${server.url}/o/${ds.organizationId}/inbox/resolved?brand=${ds.brandId}&sort=newest`;
    await page.goto(inbox);
    await page.locator('.inbox-body [role="row"]').first().waitFor({ timeout: 60_000 });

    log(`P9: loading ${TARGET_ROWS.toLocaleString('en')} rows by scrolling`);
    const rows = await loadRows(page);
    log(`P9: ${rows.toLocaleString('en')} rows loaded; measuring`);

    // Leave the inbox and come back (browser Back), RETURNS times: the 10,000 rows render from the cache.
    const samples: number[] = [];
    for (let i = 0; i < RETURNS; i++) {
      // Let the previous return's background refresh of the list settle (bench pacing, not a correctness wait).
      await page.waitForTimeout(1_500);
      await page.getByRole('link', { name: 'Overview' }).click();
      await page.locator('.inbox-scroll').waitFor({ state: 'detached' });
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      samples.push(await timeReturn(page, rows));
    }
    const sorted = [...samples].sort((a, b) => a - b);
    const renderMs = sorted[Math.floor(sorted.length / 2)]!;
    // The last return's background refresh of the list (200 page requests to a server on the same 2 cores) is let
    // finish first, as between returns: the scroll measures the list's rendering, not CPU shared with the server.
    log(`P9: ${await networkQuiet(page)} requests of the list's background refresh finished; scrolling`);
    const virtualisedScroll = await scrollFigures(page, '.inbox-scroll');

    const baseline = await page.evaluate(async () => {
      const texts = shownTexts();
      const start = performance.now();
      const table = document.createElement('table');
      table.id = 'baseline-table';
      const body = document.createElement('tbody');
      for (const row of texts) {
        const tr = document.createElement('tr');
        for (const cell of row) {
          const td = document.createElement('td');
          td.textContent = cell;
          tr.append(td);
        }
        body.append(tr);
      }
      table.append(body);
      const holder = document.createElement('div');
      holder.id = 'baseline-holder';
      holder.style.cssText = 'position:fixed;inset:0;overflow:auto;background:#fff;z-index:9999';
      holder.append(table);
      document.body.append(holder);
      void holder.offsetHeight;
      await new Promise((r) => requestAnimationFrame(r));
      return performance.now() - start;

      // The rows' cell texts as the inbox shows them, repeated to the same count (the DOM cost is what matters).
      function shownTexts(): string[][] {
        const shown = [...document.querySelectorAll('.inbox-body [role="row"]')].map((r) =>
          [...r.querySelectorAll('[role="gridcell"]')].map((c) => c.textContent ?? ''),
        );
        const grid = document.querySelector('.inbox-scroll');
        const count = Number(grid?.getAttribute('aria-rowcount') ?? 1) - 1;
        return Array.from({ length: count }, (_, i) => shown[i % shown.length] ?? []);
      }
    });
    const baselineScroll = await scrollFigures(page, '#baseline-holder');
    return {
      rows,
      virtualised: { renderMs, renderSamplesMs: samples, ...virtualisedScroll },
      baseline: { renderMs: baseline, ...baselineScroll },
      vsBaseline: baseline / renderMs,
    };
  } finally {
    await browser.close();
  }
}

async function loadRows(page: Page): Promise<number> {
  const count = () =>
    page.evaluate(() => Number(document.querySelector('.inbox-scroll')?.getAttribute('aria-rowcount') ?? 1) - 1);
  let rows = await count();
  const started = Date.now();
  while (rows < TARGET_ROWS) {
    await page.evaluate(() => {
      const grid = document.querySelector('.inbox-scroll');
      if (grid) grid.scrollTop = grid.scrollHeight;
    });
    const before = rows;
    const deadline = Date.now() + 15_000;
    while (rows === before && Date.now() < deadline) {
      await page.waitForTimeout(25);
      rows = await count();
    }
    if (rows === before) throw new Error(`P9: the list stopped growing at ${rows} rows`);
    if (Date.now() - started > 600_000) throw new Error('P9: loading 10,000 rows took over 10 minutes');
  }
  return rows;
}

async function scrollFigures(page: Page, selector: string) {
  const passes = [];
  for (let i = 0; i < SCROLLS; i++) passes.push(await scrollPass(page, selector));
  const byDropped = [...passes].sort((a, b) => a.droppedFrames - b.droppedFrames || a.p95FrameMs - b.p95FrameMs);
  const median = byDropped[Math.floor(byDropped.length / 2)]!;
  return { ...median, droppedFramesPerPass: passes.map((p) => p.droppedFrames) };
}

function scrollPass(page: Page, selector: string) {
  return page.evaluate(async (sel) => {
    const el = document.querySelector(sel);
    if (!el) throw new Error(`no ${sel}`);
    el.scrollTop = 0;
    await new Promise((r) => requestAnimationFrame(r));
    performance.clearResourceTimings();
    const frames: number[] = [];
    let last = performance.now();
    const end = last + 2_000;
    while (performance.now() < end) {
      el.scrollTop += 120;
      await new Promise((r) => requestAnimationFrame(r));
      const now = performance.now();
      frames.push(now - last);
      last = now;
    }
    const sorted = [...frames].sort((a, b) => a - b);
    return {
      frames: frames.length,
      p95FrameMs: sorted[Math.floor(sorted.length * 0.95)] ?? 0,
      droppedFrames: frames.filter((f) => f > 50).length,
      requestsDuringScroll: performance.getEntriesByType('resource').length,
    };
  }, selector);
}

/** Waits until the page has made no request for a second (at most 60 s); returns the requests waited for. */
async function networkQuiet(page: Page): Promise<number> {
  return page.evaluate(async () => {
    // Counted from now, in a buffer that cannot fill (Chromium's default keeps 250 entries).
    performance.clearResourceTimings();
    performance.setResourceTimingBufferSize(100_000);
    const deadline = performance.now() + 60_000;
    let seen = -1;
    while (performance.now() < deadline) {
      const now = performance.getEntriesByType('resource').length;
      if (now === seen) return now;
      seen = now;
      await new Promise((r) => setTimeout(r, 1_000));
    }
    return seen;
  });
}

/** From `history.back()` to the frame after the list shows every loaded row (rows from the query cache). */
function timeReturn(page: Page, rows: number): Promise<number> {
  return page.evaluate(async (target) => {
    const start = performance.now();
    history.back();
    for (;;) {
      await new Promise((r) => requestAnimationFrame(r));
      const grid = document.querySelector('.inbox-scroll');
      if (grid && Number(grid.getAttribute('aria-rowcount')) >= target + 1) break;
      if (performance.now() - start > 30_000) throw new Error('the list did not come back in 30 s');
    }
    await new Promise((r) => requestAnimationFrame(r));
    return performance.now() - start;
  }, rows);
}
