import { loadBrandTriage } from '../rules/brand-rules.ts';
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  idSchema,
  IMPORT_MAX_BYTES,
  importQuery,
  type ErrorCode,
  type ImportFormat,
  type ImportUploadReport,
  type Role,
} from '@perch/shared';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { csrfGuard } from '../../http/csrf.ts';
import type { EventBus } from '../../live/event-bus.ts';
import type { Queue } from '../../queue/queue.ts';
import { recordDenial, writeAudit } from '../audit/audit.repository.ts';
import { lacksRequiredSecondFactor } from '../second-factor/second-factor.repository.ts';
import { findSessionByToken } from '../auth/session.repository.ts';
import { getChannel } from '../channels/channels.repository.ts';
import { findMembership } from '../members/members.repository.ts';
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
        ? fail(reply, 500, 'INTERNAL', 'Something went wrong on our side')
        : fail(reply, status, 'VALIDATION', error.message);
    });

    scope.post(IMPORTS_ROUTE, async (req, reply) => {
      const token = req.cookies[deps.config.sessionCookieName];
      const session = token ? await findSessionByToken(prisma, token) : null;
      if (!session) return fail(reply, 401, 'UNAUTHENTICATED', 'Please sign in');

      const org = params.safeParse(req.params);
      const membership = org.success ? await findMembership(prisma, org.data.organizationId, session.user.id) : null;
      if (!org.success || !membership) return fail(reply, 404, 'NOT_FOUND', 'Organization not found');
      const { organizationId } = org.data;
      if (!allowed.includes(membership.role)) {
        await recordDenial(prisma, {
          organizationId,
          actorUserId: session.user.id,
          action: IMPORT_AUDIT_ACTION,
          ip: req.ip,
        });
        req.log.warn({ organizationId, userId: session.user.id, role: membership.role }, 'access denied');
        return fail(reply, 403, 'FORBIDDEN', 'Your role does not allow this');
      }
      // The organization's second-factor requirement holds here as for every organization procedure (S15).
      if (await lacksRequiredSecondFactor(prisma, organizationId, session.user.id, membership.role)) {
        await recordDenial(prisma, {
          organizationId,
          actorUserId: session.user.id,
          action: IMPORT_AUDIT_ACTION,
          ip: req.ip,
        });
        return fail(reply, 403, 'SECOND_FACTOR_REQUIRED', 'This organization requires two-step sign-in for your role');
      }

      const query = importQuery.safeParse(req.query);
      if (!query.success) {
        return fail(reply, 400, 'VALIDATION', `Invalid query: ${z.prettifyError(query.error)}`, {
          fieldErrors: z.flattenError(query.error).fieldErrors,
        });
      }
      const format = query.data.format ?? BODY_FORMATS[mediaType(req)] ?? null;
      if (!format) return fail(reply, 400, 'VALIDATION', 'format is required: csv or ndjson');
      const declared = req.headers['content-length'];
      if (declared === undefined) return fail(reply, 411, 'VALIDATION', 'Content-Length is required');
      const bytes = Number(declared);
      if (!Number.isSafeInteger(bytes) || bytes < 0) return fail(reply, 400, 'VALIDATION', 'Invalid Content-Length');
      if (bytes > IMPORT_MAX_BYTES) {
        return fail(reply, 413, 'VALIDATION', `The file is larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MiB`);
      }

      const channel = await getChannel(prisma, organizationId, query.data.channelId);
      if (!channel) return fail(reply, 404, 'NOT_FOUND', 'Channel not found');
      if (running.has(channel.id)) {
        return fail(reply, 409, 'CONFLICT', 'An import into this channel is already running: wait for it to finish');
      }

      running.add(channel.id);
      const actor = { userId: session.user.id, organizationId, ip: req.ip };
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
        return fail(reply, 400, 'VALIDATION', 'The upload was interrupted');
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
    rejected: report.rejected.length + report.rejectedNotListed,
    warnings: report.warnings.length,
  };
}

function mediaType(req: FastifyRequest): string {
  return (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

/** The JSON error shape of Perch's plain HTTP routes (same as the API's 404). */
function fail(
  reply: FastifyReply,
  status: number,
  perchCode: ErrorCode,
  message: string,
  extra: { fieldErrors?: Record<string, string[] | undefined> } = {},
) {
  return reply.code(status).send({ error: { message, perchCode, ...extra } });
}
