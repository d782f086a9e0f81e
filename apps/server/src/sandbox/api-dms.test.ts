import { afterEach, describe, expect, it } from 'vitest';
import { BRAND_TOKEN, startWorld, type ProblemBody, type TestWorld } from './test-helpers.ts';

interface Sent {
  data: { dm_conversation_id: string; dm_event_id: string };
}
interface DmEvents {
  data?: {
    id: string;
    event_type: string;
    text: string;
    sender_id?: string;
    created_at?: string;
    dm_conversation_id?: string;
  }[];
  meta: { result_count: number; next_token?: string; previous_token?: string };
}
interface SandboxDms {
  data: { id: string; sender_id: string; recipient_id: string; text: string }[];
  meta: {
    result_count: number;
    duplicate_messages: { sender_id: string; recipient_id: string; text: string; count: number }[];
  };
}

let w: TestWorld;
afterEach(() => w.sandbox.close());

const send = (participantId: string, body: unknown, token: string = BRAND_TOKEN) =>
  w.call<Sent & ProblemBody>('POST', `/2/dm_conversations/with/${participantId}/messages`, { token, body });
const events = (participantId: string, query = '', token: string = BRAND_TOKEN) =>
  w.call<DmEvents & ProblemBody>('GET', `/2/dm_conversations/with/${participantId}/dm_events${query}`, { token });

describe('direct messages', () => {
  it('sends with a user token: 201 {data:{dm_conversation_id, dm_event_id}}, readable newest first', async () => {
    w = await startWorld();
    const first = await send(w.customerId, { text: 'Hello Marie, could you send us your booking reference?' });
    expect(first.status).toBe(201);
    const [low, high] = [w.brandId, w.customerId].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
    expect(first.body.data).toEqual({
      dm_conversation_id: `${low}-${high}`,
      dm_event_id: expect.stringMatching(/^\d{19}$/) as string,
    });
    expect(first.headers.get('x-rate-limit-limit')).toBe('200');
    await send(w.customerId, { text: 'Thanks, we have rebooked you.' });

    const read = await events(w.customerId, '?dm_event.fields=created_at,sender_id,text,dm_conversation_id');
    expect(read.status).toBe(200);
    expect(read.headers.get('x-rate-limit-limit')).toBe('300');
    expect(read.body.meta.result_count).toBe(2);
    expect(read.body.data?.[0]).toEqual({
      id: expect.stringMatching(/^\d+$/) as string,
      event_type: 'MessageCreate',
      text: 'Thanks, we have rebooked you.',
      sender_id: w.brandId,
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*\.\d{3}Z$/) as string,
      dm_conversation_id: `${low}-${high}`,
    });
    expect(read.body.data?.[1]?.id).toBe(first.body.data.dm_event_id);
    // Default fields: id, event_type, text.
    expect(Object.keys((await events(w.customerId)).body.data?.[0] ?? {}).sort()).toEqual(['event_type', 'id', 'text']);
  });

  it('pages with max_results 1–100 and next_token', async () => {
    w = await startWorld();
    for (const text of ['one', 'two', 'three']) await send(w.customerId, { text });
    const page1 = await events(w.customerId, '?max_results=2');
    expect(page1.body.data?.map((e) => e.text)).toEqual(['three', 'two']);
    const page2 = await events(w.customerId, `?max_results=2&pagination_token=${page1.body.meta.next_token}`);
    expect(page2.body.data?.map((e) => e.text)).toEqual(['one']);
    expect(page2.body.meta.next_token).toBeUndefined();
    const bad = await events(w.customerId, '?max_results=0');
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.[0]?.parameters).toEqual({ max_results: ['0'] });
  });

  it('refuses app-only tokens (403), unknown participants and oversize or empty texts (400)', async () => {
    w = await startWorld();
    const appOnly = await send(w.customerId, { text: 'hi' }, 'test-bearer');
    expect(appOnly.status).toBe(403);
    expect(appOnly.body.title).toBe('Unsupported Authentication');
    expect((await events(w.customerId, '', 'test-bearer')).status).toBe(403);
    const unknown = await send('1234567890123456789', { text: 'hi' });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({
      title: 'Invalid Request',
      errors: [{ parameters: { participant_id: ['1234567890123456789'] } }],
    });
    expect((await send(w.brandId, { text: 'me' })).status).toBe(400);
    expect((await send(w.customerId, { text: 'é'.repeat(10_000) })).status).toBe(201);
    expect((await send(w.customerId, { text: 'é'.repeat(10_001) })).status).toBe(400);
    expect((await send(w.customerId, { text: ' ' })).status).toBe(400);
  });

  it('limits sends per user under `dms` and lists DMs with their duplicates on the control plane', async () => {
    w = await startWorld({ rateLimits: { dms: 3 } });
    expect((await send(w.customerId, { text: 'Sorry about that' })).status).toBe(201);
    expect((await send(w.customerId, { text: 'Sorry about that' })).status).toBe(201);
    expect((await send(w.customerId, { text: 'Anything else?' })).status).toBe(201);
    const limited = await send(w.customerId, { text: 'once more' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBeNull();
    // Reads have their own budget.
    expect((await events(w.customerId)).status).toBe(200);

    const dms = await w.call<SandboxDms>('GET', `/sandbox/dms?user_id=${w.customerId}`, { token: null });
    expect(dms.body.meta.result_count).toBe(3);
    expect(dms.body.data[0]).toMatchObject({
      sender_id: w.brandId,
      recipient_id: w.customerId,
      text: 'Anything else?',
    });
    expect(dms.body.meta.duplicate_messages).toEqual([
      { sender_id: w.brandId, recipient_id: w.customerId, text: 'Sorry about that', count: 2 },
    ]);
    expect((await w.call('GET', '/sandbox/dms?user_id=1', { token: null })).status).toBe(404);
  });

  it('applies faults restricted to `dms` to DMs only', async () => {
    w = await startWorld();
    w.sandbox.faults.set({ error5xxRate: 1, endpoints: ['dms'] });
    expect([500, 502, 503]).toContain((await send(w.customerId, { text: 'hi' })).status);
    expect((await w.call('POST', '/2/tweets', { token: BRAND_TOKEN, body: { text: 'up' } })).status).toBe(201);
  });
});
