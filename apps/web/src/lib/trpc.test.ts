import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { server } from '@/testing/server.ts';
import { createApiClient, MAX_BATCH_ITEMS } from './trpc.ts';

describe('API client', () => {
  it('batches at most 20 calls per request and sends the CSRF header on each', async () => {
    const requests: { size: number; csrf: string | null }[] = [];
    server.use(
      http.get('*/trpc/*', ({ request }) => {
        const paths = decodeURIComponent(new URL(request.url).pathname.split('/trpc/')[1] ?? '').split(',');
        requests.push({ size: paths.length, csrf: request.headers.get('x-perch-csrf') });
        return HttpResponse.json(paths.map(() => ({ result: { data: null } })));
      }),
    );
    const client = createApiClient();
    await Promise.all(Array.from({ length: 45 }, () => client.auth.me.query()));
    expect(MAX_BATCH_ITEMS).toBe(20);
    expect(requests.map((r) => r.size).sort((a, b) => b - a)).toEqual([20, 20, 5]);
    expect(requests.every((r) => r.csrf === '1')).toBe(true);
  });
});
