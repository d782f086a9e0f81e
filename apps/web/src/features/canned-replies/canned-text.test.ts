import { describe, expect, it } from 'vitest';
import { insertAt, normalizeShortcut, segmentsOf } from './canned-text.ts';

describe('canned reply text', () => {
  it('cuts a text into plain pieces and variables, telling known from unknown ones', () => {
    expect(segmentsOf('Hi {{customer.name}}, I am {{ agent.first_name }} ({{ticket.id}})')).toEqual([
      { kind: 'text', text: 'Hi ' },
      { kind: 'variable', text: '{{customer.name}}', name: 'customer.name', known: true },
      { kind: 'text', text: ', I am ' },
      { kind: 'variable', text: '{{ agent.first_name }}', name: 'agent.first_name', known: true },
      { kind: 'text', text: ' (' },
      { kind: 'variable', text: '{{ticket.id}}', name: 'ticket.id', known: false },
      { kind: 'text', text: ')' },
    ]);
    expect(segmentsOf('')).toEqual([]);
    expect(segmentsOf('no variable {here}')).toEqual([{ kind: 'text', text: 'no variable {here}' }]);
  });

  it('inserts a variable at the caret or over the selection', () => {
    expect(insertAt('Hi , thanks', 3, 3, '{{customer.name}}')).toEqual({
      text: 'Hi {{customer.name}}, thanks',
      caret: 20,
    });
    expect(insertAt('Hi NAME!', 3, 7, '{{customer.handle}}')).toEqual({ text: 'Hi {{customer.handle}}!', caret: 22 });
    expect(insertAt('abc', 99, 99, 'X')).toEqual({ text: 'abcX', caret: 4 });
  });

  it('stores shortcuts lower-case, without the slash people type', () => {
    expect(normalizeShortcut('  /Retard ')).toBe('retard');
    expect(normalizeShortcut('dm-booking')).toBe('dm-booking');
  });
});
