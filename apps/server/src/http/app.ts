import { registerStripeRoutes } from '../features/billing/stripe/stripe.routes.ts';
import { registerInvoiceRoutes } from '../features/billing/invoice.routes.ts';
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import { fastifyTRPCPlugin, type FastifyTRPCPluginOptions } from '@trpc/server/adapters/fastify';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import type { Logger } from '../logger.ts';
import type { EventBus } from '../live/event-bus.ts';
import type { Queue } from '../queue/queue.ts';
import { registerExportRoutes } from '../features/exports/export.routes.ts';
import { registerImportRoutes } from '../features/ingest/import.routes.ts';
import { registerIngestRoutes } from '../features/ingest/ingest.routes.ts';
import { appRouter, type AppRouter } from '../router.ts';
import { createContextInner } from '../trpc/context.ts';
import { registerCsrfGuard } from './csrf.ts';
import { registerMetrics } from './metrics.ts';
import { registerSecurityHeaders } from './security-headers.ts';

export const TRPC_PREFIX = '/trpc';
export const MAX_BATCH = 20;
export const BODY_LIMIT = 1024 * 1024;

export async function buildApp(deps: {
  config: Config;
  db: Database;
  queue: Queue;
  bus: EventBus;
  logger: Logger;
}): Promise<FastifyInstance> {
  const { config, db } = deps;
  const app = Fastify({
    loggerInstance: deps.logger,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
    },
    bodyLimit: BODY_LIMIT,
    trustProxy: config.trustProxy,
    routerOptions: { maxParamLength: 2000 },
  });
  registerSecurityHeaders(app);
  registerCsrfGuard(app, TRPC_PREFIX, config.allowedOrigins);
  registerMetrics(app, { db: db.prisma, queue: deps.queue });
  await app.register(fastifyCookie);

  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: config.cookieSecure,
  };
  await app.register(fastifyTRPCPlugin, {
    prefix: TRPC_PREFIX,
    trpcOptions: {
      router: appRouter,
      maxBatchSize: MAX_BATCH,
      createContext: ({ req, res }) =>
        createContextInner({
          db: db.prisma,
          log: req.log,
          config,
          sessionToken: req.cookies[config.sessionCookieName],
          ip: req.ip,
          userAgent: req.headers['user-agent'] ?? null,
          queue: deps.queue,
          bus: deps.bus,
          cookies: {
            set: (token, expires) => void res.setCookie(config.sessionCookieName, token, { ...cookieOptions, expires }),
            clear: () => void res.clearCookie(config.sessionCookieName, cookieOptions),
          },
        }),
      onError: ({ error, path }) => {
        if (error.code === 'INTERNAL_SERVER_ERROR')
          app.log.error({ err: error.cause ?? error, path }, 'procedure failed');
      },
    } satisfies FastifyTRPCPluginOptions<AppRouter>['trpcOptions'],
  });

  await registerIngestRoutes(app, {
    db,
    queue: deps.queue,
    secretKey: config.secretKey,
    groupCommit: config.ingestGroupCommit,
  });
  await registerImportRoutes(app, { db, queue: deps.queue, bus: deps.bus, config });
  await registerExportRoutes(app, { db, config });
  await registerInvoiceRoutes(app, { db, config });
  await registerStripeRoutes(app, { db: db.prisma, bus: deps.bus, config });

  app.get('/healthz', (_req, reply) => reply.send({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    try {
      await db.ping();
      if (!(await db.migrationsApplied())) return reply.code(503).send({ status: 'migrations pending' });
      return { status: 'ready' };
    } catch (error) {
      app.log.warn({ err: error }, 'readiness check failed');
      return reply.code(503).send({ status: 'database unreachable' });
    }
  });

  await serveSpa(app, config.webDistDir);
  return app;
}

/** The built SPA, with client-side routes answered by index.html; API paths keep their JSON 404. */
async function serveSpa(app: FastifyInstance, dir: string) {
  const index = `${dir}/index.html`;
  const hasSpa = fs.existsSync(index);
  if (hasSpa) await app.register(fastifyStatic, { root: dir, wildcard: false, index: false });
  app.setNotFoundHandler((req, reply) => {
    const isApi = /^\/(trpc|api|webhooks|healthz|readyz|metrics)(\/|$)/.test(req.url);
    if (hasSpa && req.method === 'GET' && !isApi) {
      return reply.type('text/html').header('cache-control', 'no-cache').sendFile('index.html');
    }
    return reply.code(404).send({ error: { message: 'Not found', perchCode: 'NOT_FOUND' } });
  });
}
