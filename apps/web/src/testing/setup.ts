import { cleanup, configure } from '@testing-library/react';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { settleRequests } from './render-app.tsx';
import { server } from './server.ts';
import { assertAllCallsMocked } from './trpc-mock.ts';

// Lazy pages are transformed on first import: give findBy*/waitFor time on a cold run.
configure({ asyncUtilTimeout: 5000 });

// Any request without a handler fails the test (bulletproof-react / TanStack testing guides).
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(async () => {
  // Unmount first: clearing a client whose queries are still observed would make them fetch again, and that
  // request would reach the next test's mocks.
  cleanup();
  await settleRequests();
  server.resetHandlers();
  sessionStorage.clear();
  assertAllCallsMocked();
});
afterAll(() => server.close());
