import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { BILLING_ROLES, type Role } from '@perch/shared';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { authorizeMember, refuseCrossSiteDownload, sendFailure } from '../../http/member-route.ts';
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
    if (refuseCrossSiteDownload(req, reply)) return reply;
    const p = params.safeParse(req.params);
    const q = query.safeParse(req.query);
    const access = await authorizeMember(prisma, req, reply, {
      sessionCookieName: deps.config.sessionCookieName,
      organizationId: p.success && q.success ? q.data.organizationId : null,
      allowed,
      action: 'billing.invoicePdf',
      notFound: 'Invoice not found',
    });
    if (!access || !p.success || !q.success) return reply;
    const { organizationId } = q.data;
    const invoice = await invoiceOf(prisma, organizationId, p.data.invoiceId);
    if (!invoice) return sendFailure(reply, 404, 'NOT_FOUND', 'Invoice not found');
    const { organizationId: _org, ...detail } = invoice;
    // pdfkit and its fonts load with the first download (P11: not kept in every server process until needed).
    const { renderInvoicePdf } = await import('./invoice-pdf.ts');
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
