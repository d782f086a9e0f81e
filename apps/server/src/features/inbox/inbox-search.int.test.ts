import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchHit, SearchPage } from '@perch/shared';
import { callerFor, createTenant, type Caller, type TenantFixture } from '../../../test/harness.ts';
import { createTestDatabase } from '../../../test/test-database.ts';
import { addMember, createUser } from '../../seed/factories.ts';
import { createConversations, failure } from './inbox.testing.ts';
import { matchedExcerpt, searchInbox } from './inbox-search.service.ts';

describe('inbox.search: full text per language, customer prefixes, one brand, newest first', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let a: TenantFixture;
  let b: TenantFixture;
  let agent: Caller;
  let restricted: Caller;
  let ids: Record<string, string>;
  const search = (query: string, extra: Record<string, unknown> = {}, caller = agent) =>
    caller.inbox.search({ organizationId: a.organizationId, brandId: a.brandIds[0]!, query, ...extra });

  beforeAll(async () => {
    db = await createTestDatabase();
    a = await createTenant(db.prisma, 'Search Air');
    b = await createTenant(db.prisma, 'Search Rail');
    agent = await callerFor(db.prisma, a.users.agent.userId);
    const user = await createUser(db.prisma, { email: 'one@search.test', name: 'One', password: 'x'.repeat(12) });
    await addMember(db.prisma, a.organizationId, user.id, 'agent', [a.brandIds[1]!]);
    restricted = await callerFor(db.prisma, user.id);
    const [b0, b1] = a.brandIds as [string, string];
    const at = (minute: number) => new Date(Date.UTC(2026, 10, 20, 10, minute));
    const made = await createConversations(db.prisma, a.organizationId, [
      { brandId: b0, language: 'fr', text: 'Encore un retard de deux heures à Lyon', lastMessageAt: at(1) },
      { brandId: b0, language: 'en', text: 'My flight was delayed again', lastMessageAt: at(2) },
      { brandId: b0, language: 'en', text: 'Lovely crew, thanks', username: 'Marie_Dupont', lastMessageAt: at(3) },
      { brandId: b0, language: 'de', text: 'Mein Flug hatte Verspätungen', lastMessageAt: at(4) },
      { brandId: b1, language: 'fr', text: 'Un retard inadmissible', lastMessageAt: at(5) },
      { brandId: b0, language: 'en', text: 'delays everywhere', status: 'resolved', lastMessageAt: at(6) },
    ]);
    ids = {
      fr: made[0]!.id,
      en: made[1]!.id,
      marie: made[2]!.id,
      de: made[3]!.id,
      other: made[4]!.id,
      res: made[5]!.id,
    };
    // A second matching message in the English conversation: it must still appear once, by its newest match.
    await db.prisma.mention.create({
      data: {
        organizationId: a.organizationId,
        brandId: b0,
        channelId: made[1]!.channelId!,
        conversationId: ids.en!,
        externalId: 'second-en',
        text: 'Still delayed, no news',
        language: 'en',
        postedAt: at(30),
      },
    });
    await createConversations(db.prisma, b.organizationId, [
      { brandId: b.brandIds[0]!, text: 'retard', language: 'fr' },
    ]);
  });
  afterAll(() => db.dispose());

  const idsOf = (rows: SearchHit[]) => rows.map((r) => r.id);

  it('finds a French stemmed word ("retardé" finds "retard"), in the brand searched only', async () => {
    const page = await search('retardé');
    expect(idsOf(page.rows)).toEqual([ids.fr]);
    expect(page.rows[0]!.matchedText).toContain('retard');
    expect(idsOf((await search('retard', { brandId: a.brandIds[1] })).rows)).toEqual([ids.other]);
  });

  it('stems English and German too, and groups a conversation’s matches (newest first, once)', async () => {
    const page = await search('delays');
    expect(idsOf(page.rows)).toEqual([ids.en, ids.res]);
    expect(page.rows[0]!.matchedText).toBe('Still delayed, no news');
    expect(idsOf((await search('Verspätung')).rows)).toEqual([ids.de]);
    expect(idsOf((await search('delays', { filters: { statuses: ['resolved'] } })).rows)).toEqual([ids.res]);
  });

  it('matches a customer handle or name prefix, case-insensitively, with or without @', async () => {
    expect(idsOf((await search('@marie_d')).rows)).toEqual([ids.marie]);
    expect(idsOf((await search('MARIE')).rows)).toEqual([ids.marie]);
    expect((await search('ma%')).rows).toEqual([]);
  });

  it('pages by cursor without repeating a conversation', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof search>> = await search('delayed OR retard OR lovely', {
        limit: 1,
        cursor,
      });
      seen.push(...idsOf(page.rows));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([ids.en, ids.res, ids.marie, ids.fr]);
  });

  it('finds the same rows when most mentions are older than the recent window (widening windows, probed or walked)', async () => {
    const actor = {
      userId: a.users.agent.userId,
      organizationId: a.organizationId,
      membershipId: a.users.agent.membershipId,
      brandIds: [],
    };
    for (const query of ['delayed OR retard OR lovely', 'retardé', 'delays', 'marie', 'zeppelin']) {
      // Rare words probed (commonShare 1), common ones walked (0); a probe over its cap falls back to a walk.
      for (const [recentWindow, probeCap, commonShare] of [
        [1, 500, 1],
        [2, 500, 1],
        [3, 500, 1],
        [1, 0, 1],
        [2, 1, 1],
        [1, 500, 0],
        [2, 500, 0],
      ] as const) {
        // A status filter drops matching mentions after the probe: the cap counts them before it.
        for (const filters of [{}, { statuses: ['resolved' as const] }]) {
          const seen: string[] = [];
          let cursor: string | null = null;
          do {
            const input = {
              organizationId: a.organizationId,
              brandId: a.brandIds[0]!,
              query,
              filters,
              limit: 1,
              cursor,
            };
            const page: SearchPage = await searchInbox(db.prisma, actor, input, {
              recentWindow,
              probeCap,
              commonShare,
            });
            seen.push(...idsOf(page.rows));
            cursor = page.nextCursor;
          } while (cursor);
          const all = await search(query, { limit: 50, filters });
          const label = `${query} / window ${recentWindow} / cap ${probeCap} / common ${commonShare} / ${JSON.stringify(filters)}`;
          expect(seen, label).toEqual(idsOf(all.rows));
        }
      }
    }
  });

  it('refuses brands the member may not see and foreign brands (NOT_FOUND), and tampered cursors (VALIDATION)', async () => {
    expect(await failure(search('retard', {}, restricted))).toBe('NOT_FOUND');
    expect(await failure(search('retard', { brandId: b.brandIds[0] }))).toBe('NOT_FOUND');
    expect(await failure(search('retard', { cursor: 'eyJ0IjoxfQ' }))).toBe('VALIDATION');
  });

  it('cuts the matched text around the first match', () => {
    const text = `${'x'.repeat(300)} retard ${'y'.repeat(300)}`;
    const excerpt = matchedExcerpt(text, 'retardé');
    expect(excerpt).toHaveLength(200);
    expect(excerpt).toContain('retard');
  });
});
