import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Db } from '../db/database.ts';
import type { Queue } from '../queue/queue.ts';

/**
 * Prometheus metrics at /metrics: process defaults, request latency by route, and the backlogs of background work —
 * conversations waiting for a worker (`perch_dirty_conversations`, by consumer: `sla`, `metrics`) and jobs by queue
 * and state (`perch_queue_jobs`, as pg-boss's supervisor last counted them). docs/deploy.md lists them.
 */
export function registerMetrics(app: FastifyInstance, deps: { db: Db; queue: Queue }): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'perch_http_request_duration_seconds',
    help: 'HTTP request latency',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  new Gauge({
    name: 'perch_dirty_conversations',
    help: 'Conversations whose events changed and that a worker has not yet processed, by consumer',
    labelNames: ['consumer'],
    registers: [registry],
    async collect() {
      const rows = await deps.db.$queryRaw<{ consumer: string; n: number }[]>`
        SELECT consumer, count(*)::int AS n FROM "DirtyConversation" GROUP BY consumer`;
      this.reset();
      // Both consumers always appear, at 0 when idle, so that a scrape can tell "none" from "not reported".
      for (const consumer of ['sla', 'metrics']) this.set({ consumer }, 0);
      for (const row of rows) this.set({ consumer: row.consumer }, row.n);
    },
  });
  new Gauge({
    name: 'perch_queue_jobs',
    help: 'Jobs by queue and state (ready, deferred, active, failed), as the queue supervisor last counted them',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      const stats = await deps.queue.stats();
      this.reset();
      for (const s of stats) {
        for (const state of ['ready', 'deferred', 'active', 'failed'] as const) {
          this.set({ queue: s.queue, state }, s[state]);
        }
      }
    },
  });
  app.addHook('onResponse', async (req, reply) => {
    const route = req.url.startsWith('/trpc/') ? '/trpc' : (req.routeOptions.url ?? 'unmatched');
    duration.observe({ method: req.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
  app.get('/metrics', async (_req, reply) => {
    reply.header('content-type', registry.contentType);
    return registry.metrics();
  });
  return registry;
}
