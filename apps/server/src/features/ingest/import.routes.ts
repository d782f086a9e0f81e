import { loadBrandTriage } from '../rules/brand-rules.ts';
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  idSchema,
  IMPORT_MAX_BYTES,
  importQuery,
  type ImportFormat,
  type ImportUploadReport,
  type Role,
} from '@perch/shared';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { csrfGuard } from '../../http/csrf.ts';
import type { EventBus } from '../../live/event-bus.ts';
import type { Queue } from '../../queue/queue.ts';
import { authorizeMember, sendFailure } from '../../http/member-route.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { getChannel } from '../channels/channels.repository.ts';
import { importFile, type ImportReport } from './import.service.ts';

export const IMPORTS_ROUTE = '/api/organizations/:organizationId/imports';
export const IMPORT_AUDIT_ACTION = 'imports.upload';

/**
 * The policy of Perch's plain HTTP routes (the tRPC procedures are in trpc/policy.ts), by "METHOD path": the
 * route reads its roles from here, and a test checks every role against it.
 */
export const HTTP_ROUTE_POLICY = {
  [`POST ${IMPORTS_ROUTE}`]: ['owner', 'admin', 'manager'],
} as const satisfies Record<string, readonly Role[]>;

/** Body types the route takes, with the format each one implies (octet-stream needs `?format=`). */
const BODY_FORMATS: Record<string, ImportFormat | null> = {
  'text/csv': 'csv',
  'application/x-ndjson': 'ndjson',
  'application/octet-stream': null,
};

const params = z.object({ organizationId: idSchema });

export interface ImportRouteDeps {
  db: Database;
  queue: Queue;
  /** Imported posts reach open inboxes live, like any other. */
  bus: EventBus;
  config: Pick<Config, 'allowedOrigins' | 'sessionCookieName'>;
}

/**
 * `POST /api/organizations/:organizationId/imports?channelId=…&format=csv|ndjson`: a history file as the raw body,
 * streamed into importFile while it arrives (never held in memory), so the browser's upload progress is also the
 * processing progress. Rows are stored in committed batches as they are parsed; the answer (200 with the report)
 * comes once the last batch is committed. Not tRPC: the body is a file of up to 100 MiB, not JSON.
 *
 * Order: CSRF (403, before the body is read) → session (401) → membership (404) → role (403, audited) → query
 * (400) → size (411 / 413) → channel of the organization (404) → one import per channel at a time (409) → import →
 * one audit row → 200 with the report. History may be imported into any channel of the organization (an X
 * account's channel included: rows already delivered by the webhook are stored once, by channel and mention id).
 */
export async function registerImportRoutes(app: FastifyInstance, deps: ImportRouteDeps) {
  const prisma = deps.db.prisma;
  const allowed: readonly Role[] = HTTP_ROUTE_POLICY[`POST ${IMPORTS_ROUTE}`];
  /** Channels with an import in progress in this process. */
  const running = new Set<string>();

  await app.register((scope, _options, done) => {
    // Only this scope: every other route keeps the 1 MiB JSON parsers. The stream is handed through unread.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(Object.keys(BODY_FORMATS), (_req, payload, parsed) => parsed(null, payload));
    scope.addHook('onRequest', csrfGuard(deps.config.allowedOrigins, Object.keys(BODY_FORMATS)));
    scope.setErrorHandler((error: Error & { statusCode?: number }, req, reply) => {
      const status = error.statusCode ?? 500;
      if (status >= 500) req.log.error({ err: error }, 'import upload failed');
      return status >= 500
        ? sendFailure(reply, 500, 'INTERNAL', 'Something went wrong on our side')
        : sendFailure(reply, status, 'VALIDATION', error.message);
    });

    scope.post(IMPORTS_ROUTE, async (req, reply) => {
      const org = params.safeParse(req.params);
      const access = await authorizeMember(prisma, req, reply, {
        sessionCookieName: deps.config.sessionCookieName,
        organizationId: org.success ? org.data.organizationId : null,
        allowed,
        action: IMPORT_AUDIT_ACTION,
        notFound: 'Organization not found',
      });
      if (!access || !org.success) return reply;
      const { organizationId } = org.data;

      const query = importQuery.safeParse(req.query);
      if (!query.success) {
        return sendFailure(reply, 400, 'VALIDATION', `Invalid query: ${z.prettifyError(query.error)}`, {
          fieldErrors: z.flattenError(query.error).fieldErrors,
        });
      }
      const format = query.data.format ?? BODY_FORMATS[mediaType(req)] ?? null;
      if (!format) return sendFailure(reply, 400, 'VALIDATION', 'format is required: csv or ndjson');
      const declared = req.headers['content-length'];
      if (declared === undefined) return sendFailure(reply, 411, 'VALIDATION', 'Content-Length is required');
      const bytes = Number(declared);
      if (!Number.isSafeInteger(bytes) || bytes < 0)
        return sendFailure(reply, 400, 'VALIDATION', 'Invalid Content-Length');
      if (bytes > IMPORT_MAX_BYTES) {
        return sendFailure(reply, 413, 'VALIDATION', `The file is larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MiB`);
      }

      const channel = await getChannel(prisma, organizationId, query.data.channelId);
      if (!channel) return sendFailure(reply, 404, 'NOT_FOUND', 'Channel not found');
      if (running.has(channel.id)) {
        return sendFailure(
          reply,
          409,
          'CONFLICT',
          'An import into this channel is already running: wait for it to finish',
        );
      }

      running.add(channel.id);
      const actor = { userId: access.userId, organizationId, ip: req.ip };
      const audit = (report: ImportReport, completed: boolean) =>
        writeAudit(prisma, actor, {
          action: IMPORT_AUDIT_ACTION,
          targetType: 'channel',
          targetId: channel.id,
          after: { format, bytes, completed, ...counts(report) },
        });
      // The latest committed state, for the audit row when the upload is cut short.
      let progress = null as ImportReport | null;
      try {
        // Node stops the body at Content-Length, so the declared size checked above bounds what is read.
        const source = (req.body as Readable | undefined) ?? Readable.from([]);
        const report = await importFile(
          prisma,
          deps.queue,
          { channelId: channel.id, source, format, bus: deps.bus, loadTriage: loadBrandTriage },
          (r) => {
            progress = { ...r }; // at a commit: counts consistent with what is stored
          },
        );
        await audit(report, true);
        req.log.info({ channelId: channel.id, format, bytes, ...counts(report) }, 'import uploaded');
        const answer: ImportUploadReport = {
          channelId: channel.id,
          format,
          bytes,
          rows: report.rows,
          accepted: report.accepted,
          stored: report.stored,
          duplicates: report.duplicates,
          held: report.held,
          rejectedRows: report.rejected.length + report.rejectedNotListed,
          rejected: report.rejected,
          warnings: report.warnings,
        };
        return reply.code(200).send(answer);
      } catch (error) {
        // The upload was cut (the browser cancelled) or the database failed: committed batches stay (re-importing
        // the file is safe), and are audited.
        if (progress && progress.accepted > 0) await audit(progress, false);
        if (!req.raw.readableAborted && !req.raw.destroyed) throw error;
        req.log.info({ channelId: channel.id, accepted: progress?.accepted ?? 0 }, 'import upload cancelled');
        return sendFailure(reply, 400, 'VALIDATION', 'The upload was interrupted');
      } finally {
        running.delete(channel.id);
      }
    });
    done();
  });
}

function counts(report: ImportReport) {
  return {
    rows: report.rows,
    accepted: report.accepted,
    stored: report.stored,
    duplicates: report.duplicates,
    held: report.held,
    rejected: report.rejected.length + report.rejectedNotListed,
    warnings: report.warnings.length,
  };
}

function mediaType(req: FastifyRequest): string {
  return (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}
