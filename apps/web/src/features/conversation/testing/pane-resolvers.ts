import type { Role } from '@perch/shared';
import { ids, meFixture } from '@/testing/fixtures.ts';
import type { Resolvers } from '@/testing/trpc-mock.ts';
import { agentsFixture, detailFixture, paneIds, tagsFixture, teamsFixture } from './pane-fixtures.ts';

export const paneRoute = `/o/${ids.org}/inbox/mine/c/${paneIds.conversation}?brand=${ids.brandSkyward}&sort=newest`;

export const skywardBrand = {
  id: ids.brandSkyward,
  name: 'Skyward Air',
  handle: 'SkywardAir',
  timeZone: 'Europe/Paris',
  locale: 'en',
  createdAt: '2026-01-01T00:00:00.000Z',
  requiresApproval: false,
};

/** Everything the pane asks for on opening, answered from the fixtures (`overrides` replace any). */
export function paneResolvers(overrides: Resolvers = {}, role: Role = 'agent'): Resolvers {
  const detail = detailFixture();
  return {
    'auth.me': () => meFixture(role),
    'conversations.get': () => detail,
    'agents.list': () => agentsFixture,
    'tags.list': () => tagsFixture,
    'teams.list': () => teamsFixture,
    'brands.list': () => [skywardBrand],
    'conversations.presenceOf': () => ({
      [paneIds.conversation]: [
        { userId: paneIds.lea, name: 'Léa Martin', typing: false, expiresAt: '2099-01-01T00:00:00.000Z' },
        { userId: paneIds.marc, name: 'Marc Dubois', typing: true, expiresAt: '2099-01-01T00:00:00.000Z' },
        { userId: ids.user, name: 'Olivia Owner', typing: false, expiresAt: '2099-01-01T00:00:00.000Z' },
      ],
    }),
    'conversations.presence': () => ({ expiresAt: '2099-01-01T00:00:00.000Z' }),
    'macros.list': () => [],
    ...overrides,
  };
}
