import type { inferInput, inferOutput, TRPCOptionsProxy } from '@trpc/tanstack-react-query';
import type { AppRouter } from '@perch/server/router';

type Api = TRPCOptionsProxy<AppRouter>;
export type CatalogPlan = inferOutput<Api['operator']['plans']>[number];
export type PlanEdit = inferInput<Api['operator']['updatePlan']>;
export type OrganizationsPage = inferOutput<Api['operator']['organizations']>;
export type OperatorOrganization = OrganizationsPage['organizations'][number];
export type OperatorBrand = OperatorOrganization['brands'][number];
export type OperatorInvoice = inferOutput<Api['operator']['invoices']>[number];
