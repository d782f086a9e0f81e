import { macrosFixtureOf as fx, macrosSetup as setup } from '../../src/features/macros/macros.testing.ts';
import { brandOf, org, type SamplesOf } from './sample.ts';

/** Samples of the `macros.*` procedures for the policy, cross-tenant and audit suites. */
export const MACROS_SAMPLES: SamplesOf<'macros'> = {
  'macros.list': {
    kind: 'query',
    valid: brandOf,
    foreignIds: (o, f) => [{ ...org(o), brandId: f.brandIds[0] }],
  },
  'macros.create': {
    kind: 'mutation',
    setup,
    valid: (o) => ({
      ...brandOf(o),
      name: 'Suite macro',
      actions: [
        { type: 'add_tag', tagId: fx(o).tagId },
        { type: 'assign_team', teamId: fx(o).teamId },
      ],
    }),
    foreignIds: (o, f) => [
      { ...org(o), brandId: f.brandIds[0], name: 'Into B', actions: [{ type: 'unassign' }] },
      { ...brandOf(o), name: 'Foreign tag', actions: [{ type: 'add_tag', tagId: fx(f).tagId }] },
      {
        ...brandOf(o),
        name: 'Mixed tags',
        actions: [
          { type: 'add_tag', tagId: fx(o).tagId },
          { type: 'remove_tag', tagId: fx(f).tagId },
        ],
      },
      { ...org(o), name: 'Foreign team', actions: [{ type: 'assign_team', teamId: fx(f).teamId }] },
    ],
  },
  'macros.update': {
    kind: 'mutation',
    setup,
    valid: (o) => ({ ...org(o), macroId: fx(o).brandMacroId, name: 'Renamed macro' }),
    foreignIds: (o, f) => [
      { ...org(o), macroId: fx(f).brandMacroId, name: 'Hijacked' },
      { ...org(o), macroId: fx(f).orgMacroId, name: 'Hijacked' },
      { ...org(o), macroId: fx(o).brandMacroId, brandId: f.brandIds[0] },
      { ...org(o), macroId: fx(o).brandMacroId, actions: [{ type: 'add_tag', tagId: fx(f).tagId }] },
      { ...org(o), macroId: fx(o).orgMacroId, actions: [{ type: 'assign_team', teamId: fx(f).teamId }] },
    ],
  },
  'macros.delete': {
    kind: 'mutation',
    setup,
    valid: (o) => ({ ...org(o), macroId: fx(o).brandMacroId }),
    foreignIds: (o, f) => [{ ...org(o), macroId: fx(f).orgMacroId }],
  },
  'macros.run': {
    kind: 'mutation',
    setup,
    valid: (o) => ({
      ...org(o),
      macroId: fx(o).brandMacroId,
      conversationId: fx(o).conversationId,
      expectedVersion: 0,
    }),
    foreignIds: (o, f) => [
      { ...org(o), macroId: fx(f).brandMacroId, conversationId: fx(o).conversationId, expectedVersion: 0 },
      { ...org(o), macroId: fx(f).orgMacroId, conversationId: fx(o).conversationId, expectedVersion: 0 },
      { ...org(o), macroId: fx(o).orgMacroId, conversationId: fx(f).conversationId, expectedVersion: 0 },
    ],
  },
};
