import type { InvoiceDetail, InvoiceLine, InvoiceSummary } from '@perch/shared';
import type { DbOrTx, Tx } from '../../db/database.ts';
import type { Prisma } from '../../generated/prisma/client.ts';

const summarySelect = {
  id: true,
  number: true,
  kind: true,
  status: true,
  provider: true,
  currency: true,
  totalCents: true,
  periodStart: true,
  periodEnd: true,
  issuedAt: true,
  dueAt: true,
  paidAt: true,
} as const;

type SummaryRow = {
  [K in keyof typeof summarySelect]: K extends 'periodStart' | 'periodEnd' ? Date : unknown;
} & { issuedAt: Date | null; dueAt: Date | null; paidAt: Date | null };

function toSummary(row: SummaryRow): InvoiceSummary {
  return {
    id: row.id as string,
    number: row.number as number,
    kind: row.kind as InvoiceSummary['kind'],
    status: row.status as InvoiceSummary['status'],
    provider: row.provider as string,
    currency: row.currency as string,
    totalCents: row.totalCents as number,
    periodStart: row.periodStart.toISOString(),
    periodEnd: row.periodEnd.toISOString(),
    issuedAt: row.issuedAt?.toISOString() ?? null,
    dueAt: row.dueAt?.toISOString() ?? null,
    paidAt: row.paidAt?.toISOString() ?? null,
  };
}

/**
 * Writes an issued invoice with the organization's next number. Numbers are sequential per organization with no
 * gap: an advisory lock per organization serialises the writers, and the unique index is the last guard.
 */
export async function insertInvoice(
  tx: Tx,
  input: {
    organizationId: string;
    kind: 'period' | 'change';
    periodKey: string | null;
    currency: string;
    taxRateBps: number;
    lines: InvoiceLine[];
    subtotalCents: number;
    taxCents: number;
    totalCents: number;
    periodStart: Date;
    periodEnd: Date;
    issuedAt: Date;
    dueAt: Date;
  },
): Promise<{ id: string; number: number }> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`invoice:${input.organizationId}`}, 0))`;
  const last = await tx.invoice.aggregate({ where: { organizationId: input.organizationId }, _max: { number: true } });
  const number = (last._max.number ?? 0) + 1;
  return tx.invoice.create({
    data: {
      ...input,
      lines: input.lines as unknown as Prisma.InputJsonArray,
      number,
      status: input.totalCents > 0 ? 'open' : 'paid',
      paidAt: input.totalCents > 0 ? null : input.issuedAt,
    },
    select: { id: true, number: true },
  });
}

export async function invoicesOf(db: DbOrTx, organizationId: string, cursor: string | undefined, limit: number) {
  const rows = await db.invoice.findMany({
    where: { organizationId, ...(cursor ? { id: { lt: cursor } } : {}) },
    select: summarySelect,
    orderBy: { id: 'desc' },
    take: limit,
  });
  return rows.map(toSummary);
}

export async function invoiceOf(db: DbOrTx, organizationId: string | null, invoiceId: string) {
  const row = await db.invoice.findFirst({
    where: { id: invoiceId, ...(organizationId ? { organizationId } : {}) },
    select: {
      ...summarySelect,
      organizationId: true,
      lines: true,
      subtotalCents: true,
      taxRateBps: true,
      taxCents: true,
      organization: { select: { name: true } },
    },
  });
  if (!row) return null;
  const detail: InvoiceDetail = {
    ...toSummary(row),
    organizationName: row.organization.name,
    lines: row.lines as unknown as InvoiceLine[],
    subtotalCents: row.subtotalCents,
    taxRateBps: row.taxRateBps,
    taxCents: row.taxCents,
  };
  return { ...detail, organizationId: row.organizationId };
}

/** Every organization's invoices (the operator's view), newest first. */
export async function allInvoices(
  db: DbOrTx,
  status: InvoiceSummary['status'] | undefined,
  cursor: string | undefined,
) {
  const rows = await db.invoice.findMany({
    where: { ...(status ? { status } : {}), ...(cursor ? { id: { lt: cursor } } : {}) },
    select: { ...summarySelect, organizationId: true, organization: { select: { name: true } } },
    orderBy: { id: 'desc' },
    take: 100,
  });
  return rows.map((r) => ({
    ...toSummary(r),
    organizationId: r.organizationId,
    organizationName: r.organization.name,
  }));
}

/** Open invoices past their due date, oldest first. */
export function overdueInvoices(db: DbOrTx, now: Date, limit: number) {
  return db.invoice.findMany({
    where: { status: 'open', dueAt: { lt: now } },
    select: { id: true, organizationId: true },
    orderBy: { dueAt: 'asc' },
    take: limit,
  });
}
