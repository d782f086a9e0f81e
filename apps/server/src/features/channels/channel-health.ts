import type { DbOrTx } from '../../db/database.ts';
import { countInboundEvents, listChannels } from './channels.repository.ts';
import { ingestUrl } from './channels.service.ts';
import { pollingStateOf } from './polling-config.ts';

const wallClocks = new Map<string, Intl.DateTimeFormat>();

function wallClockOf(timeZone: string): Intl.DateTimeFormat {
  let format = wallClocks.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    wallClocks.set(timeZone, format);
  }
  return format;
}

/** How far `timeZone`'s wall clock is ahead of UTC at the instant `at` (ms). */
function offsetAt(timeZone: string, at: number): number {
  const parts = wallClockOf(timeZone).formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(at / 1000) * 1000;
}

/**
 * The instant today began in `timeZone` (IANA), as seen at `now`. Handles DST: the offset is taken at midnight
 * itself, not at `now`. An unknown zone counts as UTC.
 */
export function startOfDayIn(timeZone: string, now: Date): Date {
  let zone = timeZone;
  try {
    wallClockOf(zone);
  } catch {
    zone = 'UTC';
  }
  const t = now.getTime();
  const wallNow = new Date(t + offsetAt(zone, t));
  const midnight = Date.UTC(wallNow.getUTCFullYear(), wallNow.getUTCMonth(), wallNow.getUTCDate());
  const first = midnight - offsetAt(zone, midnight);
  return new Date(midnight - offsetAt(zone, first));
}

/**
 * Settings → Channels: every channel of the organization with its health — last event and error, inbound events
 * received today (in the brand's time zone) and not yet processed (backlog), and for X channels the polling
 * state and any gap warning. Two queries whatever the number of channels.
 */
export async function listChannelsWithHealth(db: DbOrTx, publicUrl: string, organizationId: string, now = new Date()) {
  const channels = await listChannels(db, organizationId);
  const counts = await countInboundEvents(
    db,
    organizationId,
    channels.map((c) => c.id),
    channels.map((c) => startOfDayIn(c.brand.timeZone, now)),
  );
  return channels.map(({ config, brand: _brand, ...c }) => ({
    ...c,
    webhookUrl: c.kind === 'x' || c.kind === 'webhook' ? ingestUrl(publicUrl, c.kind, c.id) : null,
    eventsToday: counts.get(c.id)?.eventsToday ?? 0,
    backlog: counts.get(c.id)?.backlog ?? 0,
    polling: c.kind === 'x' ? pollingStateOf(config) : null,
    /** Where a generic webhook channel's replies are POSTed (channels.configureReplyWebhook); null: not set. */
    replyUrl:
      c.kind === 'webhook' &&
      config &&
      typeof config === 'object' &&
      'replyUrl' in config &&
      typeof config.replyUrl === 'string'
        ? config.replyUrl
        : null,
  }));
}
