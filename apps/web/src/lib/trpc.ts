import type { AppRouter } from '@perch/server/router';
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import { createTRPCContext, type inferOutput, type TRPCOptionsProxy } from '@trpc/tanstack-react-query';

/** tRPC bindings for React: `useTRPC()` gives query/mutation options, `TRPCProvider` wires client + QueryClient. */
export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

/** The server refuses batches larger than this. */
export const MAX_BATCH_ITEMS = 20;

/** Every request carries this header: the server refuses mutations without it (CSRF defence). */
export const CSRF_HEADER = { 'x-perch-csrf': '1' } as const;

export function createApiClient(baseUrl = window.location.origin) {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: `${baseUrl}/trpc`,
        maxItems: MAX_BATCH_ITEMS,
        // Batched queries travel in the URL: split a batch before it gets too long for proxies and servers.
        maxURLLength: 2000,
        headers: () => CSRF_HEADER,
        fetch: (input, init) => fetch(input, { ...init, credentials: 'same-origin' }),
      }),
    ],
  });
}

type Api = TRPCOptionsProxy<AppRouter>;
export type Me = NonNullable<inferOutput<Api['auth']['me']>>;
export type Membership = Me['memberships'][number];
export type Organization = inferOutput<Api['organizations']['get']>;
export type Member = inferOutput<Api['members']['list']>[number];
export type Invitation = inferOutput<Api['invitations']['list']>[number];
export type CreatedInvitation = inferOutput<Api['members']['invite']>;
export type InvitationPreview = inferOutput<Api['invitations']['preview']>;
export type Brand = inferOutput<Api['brands']['list']>[number];
export type AuditPage = inferOutput<Api['audit']['list']>;
export type AuditItem = AuditPage['items'][number];
export type Channel = inferOutput<Api['channels']['list']>[number];
export type CreatedWebhookChannel = inferOutput<Api['channels']['createWebhook']>;
export type CreatedXChannel = inferOutput<Api['channels']['createX']>;
export type RotatedWebhookSecret = inferOutput<Api['channels']['rotateWebhookSecret']>;
export type Session = inferOutput<Api['sessions']['list']>[number];

export type ApiError = TRPCClientError<AppRouter>;

export function isApiError(error: unknown): error is ApiError {
  return error instanceof TRPCClientError;
}
