import type { Dataset } from './dataset.ts';
import type { P1Result } from './p1-import.ts';
import type { LoadResult } from './p2-webhook.ts';
import type { InboxLoadResult } from './load-inbox.ts';
import type { LiveResult } from './p3-live.ts';
import type { P4Result } from './p4-inbox.ts';
import type { P5Result } from './p5-counts.ts';
import type { P6Result } from './p6-search.ts';
import type { P8Result } from './p8-bundle.ts';
import type { P9Result } from './p9-render.ts';

/** What one `pnpm bench` run measured (written to bench/results/<date>-<database>.json). */
export interface BenchResults {
  date: string;
  machine: { cpus: number; model: string; memoryGb: number; node: string };
  database: string;
  dataset: Dataset | null;
  P1?: P1Result & { bar: string; pass: boolean };
  P2?: {
    grouped: LoadResult & { stored: number; drain: { seconds: number; events: number } | null };
    baseline: LoadResult & { stored: number; drain: { seconds: number; events: number } | null };
    vsBaseline: number;
    bar: string;
    pass: boolean;
  };
  P3?: LiveResult & { bar: string; pass: boolean };
  P11?: { peakRssMb: number; workerPeakRssMb: number; topology: string; bar: string; pass: boolean };
  P4?: P4Result & { bar: string; pass: boolean };
  P5?: P5Result & { bar: string; pass: boolean };
  P6?: P6Result & { bar: string; pass: boolean };
  P8?: P8Result & { bar: string; pass: boolean };
  P9?: P9Result & { bar: string; pass: boolean };
  /** The inbox procedures over HTTP under autocannon load (no bar of its own; memory as P11). */
  LOAD?: InboxLoadResult & { topology: string };
}

/** A figure with thousands separators. */
export const f = (n: number, digits = 0) =>
  n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** The rows of the table the bench prints: bar, measured, baseline, result. */
export function resultRows(r: BenchResults): string[][] {
  const rows: string[][] = [];
  if (r.P1) {
    const p = r.P1;
    const copy = 'mentionsPerSecond' in p.copy ? `${f(p.copy.mentionsPerSecond)}/s` : `n/a (${p.copy.error})`;
    rows.push([
      'P1 import',
      `${f(p.mentionsPerSecond)} mentions/s (${f(p.importRows)} rows)`,
      `create loop ${f(p.createLoop.mentionsPerSecond)}/s → ${f(p.vsCreateLoop, 1)}×; COPY ${copy} → ${p.vsCopy === null ? 'n/a' : `${f(p.vsCopy, 2)}×`}`,
      p.pass ? 'PASS' : 'FAIL',
    ]);
  }
  if (r.P2) {
    const p = r.P2;
    rows.push([
      'P2 webhook',
      `${f(p.grouped.requestsPerSecond)} req/s, p99 ${f(p.grouped.p99Ms)} ms (${p.grouped.non2xx} non-2xx, ${f(p.grouped.stored)} of ${f(p.grouped.requests)} stored)`,
      `one commit per request ${f(p.baseline.requestsPerSecond)} req/s, p99 ${f(p.baseline.p99Ms)} ms → ${f(p.vsBaseline, 2)}×`,
      p.pass ? 'PASS' : 'FAIL',
    ]);
  }
  if (r.P2?.grouped.drain) {
    const d = r.P2.grouped.drain;
    rows.push([
      'worker (after P2)',
      `${f(d.events)} pending events processed in ${f(d.seconds, 1)} s after the load stopped`,
      '—',
      'info',
    ]);
  }
  if (r.P3) {
    const p = r.P3;
    rows.push([
      'P3 ack → event',
      `p95 ${f(p.p95Ms)} ms, p50 ${f(p.p50Ms)} ms, max ${f(p.maxMs)} ms (${p.samples} samples, ${p.missed} missed)`,
      '—',
      p.pass ? 'PASS' : 'FAIL',
    ]);
  }
  if (r.P11) {
    const p11 = r.P11;
    const worker =
      p11.topology === 'web + worker' ? ` (web server; the worker process: ${f(p11.workerPeakRssMb)} MB)` : '';
    rows.push(['P11 RSS', `${f(p11.peakRssMb)} MB peak under P2${worker}`, '—', p11.pass ? 'PASS' : 'FAIL']);
  }
  if (r.LOAD) {
    const l = r.LOAD;
    rows.push([
      'inbox load (HTTP)',
      `${f(l.inbox.requestsPerSecond)} req/s, p50 ${f(l.inbox.p50Ms, 1)} ms, p99 ${f(l.inbox.p99Ms, 1)} ms, peak RSS ${f(l.inbox.peakRssMb)} MB (${l.connections} connections, ${l.seconds} s, ${f(l.inbox.non2xx + l.inbox.errors)} failed; ${l.topology})`,
      `/healthz ${f(l.healthz.requestsPerSecond)} req/s, p99 ${f(l.healthz.p99Ms, 1)} ms → inbox p99 ${f(l.p99VsHealthz, 1)}×`,
      'measured',
    ]);
  }
  if (r.P4) {
    const p = r.P4;
    const worst = p.cases.reduce((w, c) => (c.page1P99Ms > w.page1P99Ms ? c : w));
    const deepest = p.cases.filter((c) => c.offsetMs !== null);
    const offset = deepest.length ? Math.max(...deepest.map((c) => c.offsetMs ?? 0)) : null;
    rows.push([
      'P4 inbox page',
      `worst page 1 p99 ${f(p.worstPage1P99Ms, 2)} ms (${worst.view}/${worst.sort}); worst deep page p99 ${f(p.worstDeepP99Ms, 2)} ms; worst deep/page-1 ratio of medians ${f(p.worstRatio, 2)}× (of p99s ${f(Math.max(...p.cases.map((c) => c.p99Ratio)), 2)}×) (${p.cases.length} view × sort, ${p.samples} samples each, interleaved)`,
      offset === null ? '—' : `OFFSET pagination, slowest ${f(offset, 1)} ms`,
      p.pass ? 'PASS' : 'FAIL',
    ]);
  }
  if (r.P5) {
    const p = r.P5;
    rows.push([
      'P5 view counts',
      `p99 ${f(p.p99Ms, 2)} ms, p50 ${f(p.p50Ms, 2)} ms (${p.samples} samples; equal to count(*): ${p.exactMatch})`,
      `count(*) ${f(p.countStarMs, 0)} ms → ${f(p.countStarMs / p.p99Ms, 0)}×`,
      p.pass ? 'PASS' : 'FAIL',
    ]);
  }
  if (r.P6) {
    const p = r.P6;
    const ilike = Math.max(...p.queries.map((q) => q.ilikeMs));
    rows.push([
      'P6 search',
      `p95 ${f(p.p95Ms, 1)} ms, p50 ${f(p.p50Ms, 1)} ms (${p.queries.length} queries × ${p.rounds} rounds)`,
      `ILIKE '%word%' slowest ${f(ilike, 0)} ms (2 s timeout)`,
      p.pass ? 'PASS' : 'FAIL',
    ]);
  }
  if (r.P8) {
    const p = r.P8;
    rows.push([
      'P8 first load',
      `${f(p.firstLoadKiB, 1)} KiB gzip (${p.chunks.length} files: entry, inbox route, English)`,
      `whole app ${f(p.wholeAppKiB, 1)} KiB`,
      p.pass ? 'PASS' : 'FAIL',
    ]);
  }
  if (r.P9) {
    const p = r.P9;
    const samples = (r: typeof p.virtualised) =>
      r.renderSamplesMs ? ` (median of ${r.renderSamplesMs.map((ms) => f(ms)).join(', ')})` : '';
    const figures = (r: typeof p.virtualised) =>
      `render ${f(r.renderMs)} ms${samples(r)}; scroll p95 frame ${f(r.p95FrameMs, 1)} ms, ${r.droppedFrames} of ${r.frames} frames > 50 ms${r.droppedFramesPerPass ? ` (median pass; passes ${r.droppedFramesPerPass.join(', ')})` : ''}`;
    rows.push([
      'P9 10,000 rows',
      `${figures(p.virtualised)} (${f(p.rows)} rows)`,
      `plain table: ${figures(p.baseline)} → ${f(p.vsBaseline, 1)}×`,
      p.pass ? 'PASS' : 'FAIL',
    ]);
  }
  return rows;
}
