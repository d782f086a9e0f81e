import type { inferOutput, TRPCOptionsProxy } from '@trpc/tanstack-react-query';
import type { AppRouter } from '@perch/server/router';

type Api = TRPCOptionsProxy<AppRouter>;
export type BillingOverview = inferOutput<Api['billing']['overview']>;
export type BrandBilling = BillingOverview['brands'][number];
export type Plan = BillingOverview['plans'][number];
export type PlanChangePreview = inferOutput<Api['billing']['previewChange']>;
export type InvoiceSummary = inferOutput<Api['billing']['invoices']>[number];
export type InvoiceDetail = inferOutput<Api['billing']['invoice']>;
