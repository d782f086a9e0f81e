import type { AppRouter } from '@perch/server/router';
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink, TRPCClientError } from '@trpc/client';
import { createTRPCContext, type inferOutput, type TRPCOptionsProxy } from '@trpc/tanstack-react-query';

/** tRPC bindings for React: `useTRPC()` gives query/mutation options, `TRPCProvider` wires client + QueryClient. */
export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

/** The server refuses batches larger than this. */
export const MAX_BATCH_ITEMS = 20;

/** Every request carries this header: the server refuses mutations without it (CSRF defence). */
export const CSRF_HEADER = { 'x-perch-csrf': '1' } as const;

/** `live: false` leaves live streams out (tests: no server-sent events; a subscription then fails at once). */
export function createApiClient(baseUrl = window.location.origin, options: { live?: boolean } = {}) {
  const batch = httpBatchLink({
    url: `${baseUrl}/trpc`,
    maxItems: MAX_BATCH_ITEMS,
    // Batched queries travel in the URL: split a batch before it gets too long for proxies and servers.
    maxURLLength: 2000,
    headers: () => CSRF_HEADER,
    fetch: (input, init) => fetch(input, { ...init, credentials: 'same-origin' }),
  });
  if (options.live === false) return createTRPCClient<AppRouter>({ links: [batch] });
  return createTRPCClient<AppRouter>({
    links: [
      // Subscriptions (live.events) are server-sent events: a GET the browser keeps open and reconnects by itself
      // (same-origin, so the session cookie goes with it; a GET changes nothing, so no CSRF header is needed).
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({ url: `${baseUrl}/trpc` }),
        false: batch,
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
