import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INBOX_SORTS, PRIORITIES } from '@perch/shared';
import { decodeListCursor, decodeSearchCursor, listCursorAfter, searchCursorAfter } from './inbox-cursor.ts';

const row = fc.record({
  id: fc.uuid(),
  priority: fc.constantFrom(...PRIORITIES),
  waitingSince: fc.option(fc.date({ min: new Date(0), max: new Date(4e12), noInvalidDate: true })),
  slaDueAt: fc.option(fc.date({ min: new Date(0), max: new Date(4e12), noInvalidDate: true })),
  lastMessageAt: fc.date({ min: new Date(0), max: new Date(4e12), noInvalidDate: true }),
});

describe('inbox cursors', () => {
  it('decode what they encode, for every sort (NULL keys as infinity)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...INBOX_SORTS), row, (sort, r) => {
        const decoded = decodeListCursor(sort, listCursorAfter(sort, r));
        expect(decoded.s).toBe(sort);
        expect(decoded.i).toBe(r.id);
        if (sort === 'priority') expect(decoded.k[0]).toBe(r.priority);
        if (sort === 'sla_due') expect(decoded.k[0]).toBe(r.slaDueAt?.toISOString() ?? 'infinity');
      }),
    );
  });

  it('refuse anything else with VALIDATION (never a crash)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.constantFrom(...INBOX_SORTS), (garbage, sort) => {
        const encoded = Buffer.from(garbage).toString('base64url');
        for (const c of [garbage, encoded]) {
          try {
            decodeListCursor(sort, c);
          } catch (e) {
            expect((e as { code: string }).code).toBe('VALIDATION');
          }
        }
      }),
    );
    const newest = listCursorAfter('newest', {
      id: crypto.randomUUID(),
      priority: 'low',
      waitingSince: null,
      slaDueAt: null,
      lastMessageAt: new Date(),
    });
    expect(() => decodeListCursor('oldest', newest)).toThrow(/another sort/);
    const at = new Date();
    const id = crypto.randomUUID();
    expect(decodeSearchCursor(searchCursorAfter(at, id))).toEqual({ t: at.toISOString(), i: id });
    expect(() => decodeSearchCursor('e30')).toThrow(/Invalid cursor/);
  });
});
