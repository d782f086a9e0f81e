import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { perchCodeOf } from './errors.ts';

export interface QueryClientOptions {
  /** Called when the server says the session is gone (expired, revoked elsewhere). */
  onUnauthenticated?: () => void;
  /** Tests turn retries off. */
  retry?: boolean;
}

export function createQueryClient(options: QueryClientOptions = {}): QueryClient {
  const onError = (error: unknown) => {
    if (perchCodeOf(error) === 'UNAUTHENTICATED') options.onUnauthenticated?.();
  };
  return new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // A refused request (NOT_FOUND, FORBIDDEN, VALIDATION...) will not change by asking again.
        retry: options.retry === false ? false : (count, error) => perchCodeOf(error) === null && count < 2,
      },
      mutations: { retry: false },
    },
  });
}
