import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Role } from '@perch/shared';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { DomainError } from '../../lib/errors.ts';
import { authorizeMember, refuseCrossSiteDownload, sendFailure } from '../../http/member-route.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { csvChunks } from './csv.ts';
import { exportQuerySchema, normaliseQuery, type ExportFormat } from './export-filters.ts';
import { poolFetcher } from './export.repository.ts';
import { exportBatches, exportFileName, exportFormatter, resolveExport } from './export.service.ts';

export const EXPORTS_ROUTE = '/api/exports/conversations';
export const EXPORT_AUDIT_ACTION = 'exports.conversations';

/**
 * Who may export (the route reads its roles from here; a test checks every role against it). Managers only:
 * an export is every conversation of the brands at once, with customers' names and handles — a bulk copy of
 * the organization's data that the inbox never hands an agent in one piece (docs/reports.md).
 */
export const EXPORT_ROUTE_POLICY = {
  [`GET ${EXPORTS_ROUTE}.csv`]: ['owner', 'admin', 'manager'],
  [`GET ${EXPORTS_ROUTE}.xlsx`]: ['owner', 'admin', 'manager'],
} as const satisfies Record<string, readonly Role[]>;

const CONTENT_TYPE: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export interface ExportRouteDeps {
  db: Database;
  config: Pick<Config, 'sessionCookieName'>;
}

/**
 * `GET /api/exports/conversations.(csv|xlsx)?organizationId=…&<filters>`: one row per conversation, streamed in
 * keyset batches (docs/reports.md). A download, so a plain GET the browser navigates to (no custom header
 * possible): it changes nothing, and a cross-site page that makes a browser fetch it cannot read the answer;
 * still, a request the browser marks cross-site or same-site (`Sec-Fetch-Site`) is refused, so another site
 * cannot even make a member's browser pull the file.
 *
 * Order: cross-site (403) → session (401) → membership (404) → role (403, audited) → query (400) → filter ids of
 * the organization and the member's brands (404) → one audit row → 200, streamed.
 */
export function registerExportRoutes(app: FastifyInstance, deps: ExportRouteDeps): Promise<void> {
  const prisma = deps.db.prisma;
  const fetch = poolFetcher(deps.db.pool);

  for (const format of ['csv', 'xlsx'] as const) {
    const route = `${EXPORTS_ROUTE}.${format}` as const;
    const allowed: readonly Role[] = EXPORT_ROUTE_POLICY[`GET ${route}`];
    app.get(route, async (req, reply) => {
      if (refuseCrossSiteDownload(req, reply)) return reply;
      const query = exportQuerySchema.safeParse(normaliseQuery(req.query));
      const organizationId = orgIdOf(req);
      const access = await authorizeMember(prisma, req, reply, {
        sessionCookieName: deps.config.sessionCookieName,
        organizationId,
        allowed,
        action: EXPORT_AUDIT_ACTION,
        notFound: 'Organization not found',
      });
      if (!access || !organizationId) return reply;
      const { userId, membership } = access;
      if (!query.success) {
        return sendFailure(reply, 400, 'VALIDATION', `Invalid query: ${z.prettifyError(query.error)}`, {
          fieldErrors: z.flattenError(query.error).fieldErrors,
        });
      }
      const { organizationId: _org, ...filters } = query.data;
      const actor = {
        userId,
        organizationId,
        membershipId: membership.id,
        brandIds: membership.brandIds,
      };
      let resolved;
      try {
        resolved = await resolveExport(prisma, actor, filters);
      } catch (error) {
        if (error instanceof DomainError) {
          const status = error.code === 'NOT_FOUND' ? 404 : error.code === 'PAYMENT_REQUIRED' ? 402 : 400;
          return sendFailure(reply, status, error.code, error.message);
        }
        throw error;
      }
      await writeAudit(
        prisma,
        { userId, organizationId, ip: req.ip },
        {
          action: EXPORT_AUDIT_ACTION,
          targetType: 'organization',
          targetId: organizationId,
          after: { format, filters },
        },
      );

      const started = performance.now();
      let rows = 0;
      const counted = (async function* () {
        for await (const batch of exportBatches(fetch, resolved)) {
          rows += batch.length;
          yield batch;
        }
        req.log.info({ organizationId, format, rows, ms: Math.round(performance.now() - started) }, 'export sent');
      })();
      const failed = (error: unknown) => req.log.error({ err: error, organizationId, format, rows }, 'export failed');
      const formatter = exportFormatter(resolved.dictionaries);
      const body =
        format === 'csv'
          ? Readable.from(csvChunks(counted, formatter)).on('error', failed)
          : (await loadXlsx()).xlsxStream(counted, formatter, failed);
      const fileName = exportFileName(resolved.brandNames, format);
      return reply
        .code(200)
        .header('content-type', CONTENT_TYPE[format])
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .header('cache-control', 'no-store')
        .send(body);
    });
  }
  // Registered synchronously; a promise like the other route modules, so app.ts awaits each the same way.
  return Promise.resolve();
}

// Loaded on first use: rarely needed, and heavy to keep in every server process (P11).
const loadXlsx = () => import('./xlsx.ts');

function orgIdOf(req: FastifyRequest): string | null {
  const raw = (req.query as Record<string, unknown> | undefined)?.organizationId;
  return typeof raw === 'string' && z.uuid().safeParse(raw).success ? raw : null;
}
