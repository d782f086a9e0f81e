import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { BILLING_ROLES, type ErrorCode, type Role } from '@perch/shared';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { recordDenial } from '../audit/audit.repository.ts';
import { findSessionByToken } from '../auth/session.repository.ts';
import { findMembership } from '../members/members.repository.ts';
import { lacksRequiredSecondFactor } from '../second-factor/second-factor.repository.ts';
import { renderInvoicePdf } from './invoice-pdf.ts';
import { invoiceOf } from './invoices.repository.ts';

export const INVOICE_PDF_ROUTE = '/api/invoices/:invoiceId.pdf';
/** Who may download an invoice: the roles that see billing (as billing.invoice). */
export const INVOICE_ROUTE_POLICY = { [`GET ${INVOICE_PDF_ROUTE}`]: BILLING_ROLES } as const;

const params = z.object({ invoiceId: z.uuid() });
const query = z.object({ organizationId: z.uuid() });

/**
 * The invoice as a PDF download. Same checks as a procedure: a browser's own request only (Sec-Fetch-Site),
 * a session, membership of the organization (else 404, so another tenant's invoice is indistinguishable from a
 * missing one), a billing role (else 403, audited), the second-factor requirement.
 */
export function registerInvoiceRoutes(
  app: FastifyInstance,
  deps: { db: Database; config: Pick<Config, 'sessionCookieName'> },
): Promise<void> {
  const prisma = deps.db.prisma;
  const allowed: readonly Role[] = INVOICE_ROUTE_POLICY[`GET ${INVOICE_PDF_ROUTE}`];
  app.get(INVOICE_PDF_ROUTE, async (req, reply) => {
    const site = req.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin' && site !== 'none') {
      return fail(reply, 403, 'CSRF', 'Request refused: cross-site request');
    }
    const token = req.cookies[deps.config.sessionCookieName];
    const session = token ? await findSessionByToken(prisma, token) : null;
    if (!session) return fail(reply, 401, 'UNAUTHENTICATED', 'Please sign in');
    const p = params.safeParse(req.params);
    const q = query.safeParse(req.query);
    if (!p.success || !q.success) return fail(reply, 404, 'NOT_FOUND', 'Invoice not found');
    const { organizationId } = q.data;
    const membership = await findMembership(prisma, organizationId, session.user.id);
    if (!membership) return fail(reply, 404, 'NOT_FOUND', 'Invoice not found');
    const denied = !allowed.includes(membership.role);
    if (denied || (await lacksRequiredSecondFactor(prisma, organizationId, session.user.id, membership.role))) {
      await recordDenial(prisma, {
        organizationId,
        actorUserId: session.user.id,
        action: 'billing.invoicePdf',
        ip: req.ip,
      });
      return denied
        ? fail(reply, 403, 'FORBIDDEN', 'Your role does not allow this')
        : fail(reply, 403, 'SECOND_FACTOR_REQUIRED', 'This organization requires two-step sign-in for your role');
    }
    const invoice = await invoiceOf(prisma, organizationId, p.data.invoiceId);
    if (!invoice) return fail(reply, 404, 'NOT_FOUND', 'Invoice not found');
    const { organizationId: _org, ...detail } = invoice;
    const pdf = await renderInvoicePdf(detail);
    return reply
      .code(200)
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="perch-invoice-${invoice.number}.pdf"`)
      .header('cache-control', 'private, no-store')
      .send(pdf);
  });
  return Promise.resolve();
}

function fail(reply: FastifyReply, status: number, perchCode: ErrorCode, message: string) {
  return reply.code(status).send({ error: { message, perchCode } });
}
