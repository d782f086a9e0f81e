import type { CannedReplyItem } from '@perch/shared';
import { describe, expect, it } from 'vitest';
import { fillCanned, matchCanned, orderCanned } from './canned-values.ts';
import { loadReplyTools } from './use-reply-tools.ts';

const tools = await loadReplyTools();

const item = (patch: Partial<CannedReplyItem>): CannedReplyItem => ({
  id: '0190a7e2-0000-7000-8000-00000000e001',
  brandId: '0190a7e2-0000-7000-8000-00000000d001',
  name: 'Delay',
  shortcut: null,
  text: '',
  language: 'en',
  useCount: 0,
  updatedAt: '2026-03-01T00:00:00.000Z',
  ...patch,
});

describe('canned replies', () => {
  const context = {
    customerName: 'Camille Durand',
    customerUsername: 'camille',
    agentName: 'Léa Martin',
    brandName: 'Skyward Air',
  };

  it('fills every variable from the conversation, the agent and the brand', () => {
    const template = 'Bonjour {{customer.name}} ({{ customer.handle }}), ici {{agent.first_name}} de {{brand.name}}.';
    expect(fillCanned(tools, template, context)).toBe('Bonjour Camille Durand (@camille), ici Léa de Skyward Air.');
  });

  it('leaves a value it does not know as written, so the send refuses it by name', () => {
    const filled = fillCanned(tools, 'Hi {{customer.handle}} from {{brand.name}}', {
      ...context,
      customerUsername: null,
      brandName: null,
    });
    expect(filled).toBe('Hi {{customer.handle}} from {{brand.name}}');
  });

  it("lists the conversation's language first, then the most used; search covers name, shortcut and text", () => {
    const items = [
      item({ id: 'a', name: 'Retard', language: 'fr', useCount: 1, shortcut: 'retard' }),
      item({ id: 'b', name: 'Delay', language: 'en', useCount: 9 }),
      item({ id: 'c', name: 'Bagage', language: 'fr', useCount: 5, text: 'Votre bagage est retrouvé' }),
    ];
    expect(orderCanned(items, 'fr').map((i) => i.id)).toEqual(['c', 'a', 'b']);
    expect(matchCanned(items, 'retrouve').map((i) => i.id)).toEqual(['c']);
    // An exact shortcut comes first.
    expect(matchCanned(orderCanned(items, 'fr'), 'retard').map((i) => i.id)).toEqual(['a']);
  });
});
