import type { Role } from '@perch/shared';
import { brandsFixture, ids, meFixture, organizationFixture } from '@/testing/fixtures.ts';
import type { Resolvers } from '@/testing/trpc-mock.ts';
import type { AutomationRule } from '../types.ts';
import {
  adam,
  channelsFixture,
  nightVipsRule,
  olivia,
  refundsRule,
  tagsFixture,
  teamsFixture,
} from './automation-fixtures.ts';

export const automationUrl = `/o/${ids.org}/settings/automation`;
export const skywardAutomationUrl = `${automationUrl}?brand=${ids.brandSkyward}`;

/** What the automation page asks for, answered with the fixtures; `rules` is what automation.list answers. */
export function automationResolvers(
  role: Role = 'manager',
  overrides: Resolvers = {},
  rules: () => AutomationRule[] = () => [refundsRule(), nightVipsRule()],
): Resolvers {
  return {
    'auth.me': () => meFixture(role),
    'organizations.get': () => organizationFixture(role),
    'brands.list': () => brandsFixture,
    'automation.list': () => rules(),
    'tags.list': () => tagsFixture,
    'teams.list': () => teamsFixture,
    'agents.list': () => [olivia, adam],
    'channels.list': () => channelsFixture,
    ...overrides,
  };
}
