import { createNotificationFixture } from '../../src/features/conversations/conversations.testing.ts';
import type { TenantFixture } from '../harness.ts';
import { org, type Sample, type SamplesOf } from './sample.ts';

/** One unread notification for each tenant's owner (the role the cross-tenant suite calls as), made once. */
const notifications = new Map<string, string>();
const setup: Sample['setup'] = async ({ db }, own) => {
  if (notifications.has(own.organizationId)) return;
  notifications.set(
    own.organizationId,
    await createNotificationFixture(db, own.organizationId, own.users.owner.userId),
  );
};
function notificationOf(f: TenantFixture): string {
  const id = notifications.get(f.organizationId);
  if (!id) throw new Error('no notification fixture for this tenant: await the sample setup first');
  return id;
}

/** Samples of the `notifications.*` procedures for the policy, cross-tenant and audit suites. */
export const NOTIFICATIONS_SAMPLES: SamplesOf<'notifications'> = {
  'notifications.list': { kind: 'query', valid: (o) => ({ ...org(o), limit: 10 }) },
  'notifications.unreadCount': { kind: 'query', valid: org },
  'notifications.markRead': {
    kind: 'mutation',
    setup,
    valid: org,
    foreignIds: (o, f) => [
      { ...org(o), notificationIds: [notificationOf(f)] },
      { ...org(o), notificationIds: [notificationOf(o), notificationOf(f)] },
    ],
  },
};
