import { describe, expect, it } from 'vitest';
import { PRESENCE_TTL_MS } from '@perch/shared';
import { createLocalEventBus } from '../../live/event-bus.ts';
import { PresenceStore } from './presence.ts';

const org = '01900000-0000-7000-8000-000000000001';
const conversation = '01900000-0000-7000-8000-000000000002';
const beat = (userId: string, typing = false) => ({
  organizationId: org,
  brandId: '01900000-0000-7000-8000-000000000003',
  conversationId: conversation,
  userId,
  typing,
});
const tick = () => new Promise((r) => setImmediate(r));

describe('presence', () => {
  it('shows a heartbeat until PRESENCE_TTL_MS after it, then forgets it', async () => {
    let now = 1_000_000;
    const store = new PresenceStore(createLocalEventBus(), () => now);
    await store.heartbeat(beat('lea', true));
    expect(store.present(org, conversation)).toEqual([
      { userId: 'lea', typing: true, expiresAt: new Date(1_000_000 + PRESENCE_TTL_MS) },
    ]);
    now += PRESENCE_TTL_MS - 1;
    expect(store.present(org, conversation)).toHaveLength(1);
    now += 1;
    expect(store.present(org, conversation)).toEqual([]);
  });

  it('a newer heartbeat replaces the older one (typing stops)', async () => {
    let now = 0;
    const store = new PresenceStore(createLocalEventBus(), () => now);
    await store.heartbeat(beat('lea', true));
    now += 1000;
    await store.heartbeat(beat('lea', false));
    await tick();
    expect(store.present(org, conversation)).toEqual([
      { userId: 'lea', typing: false, expiresAt: new Date(1000 + PRESENCE_TTL_MS) },
    ]);
  });

  it('another process (another store on the shared bus) hears heartbeats once it serves the organization', async () => {
    const bus = createLocalEventBus();
    const here = new PresenceStore(bus);
    const there = new PresenceStore(bus);
    expect(there.present(org, conversation)).toEqual([]);
    await here.heartbeat(beat('lea'));
    await here.heartbeat(beat('marc', true));
    await tick();
    expect(
      there
        .present(org, conversation)
        .map((e) => [e.userId, e.typing])
        .sort(),
    ).toEqual([
      ['lea', false],
      ['marc', true],
    ]);
    here.close();
    there.close();
  });
});
