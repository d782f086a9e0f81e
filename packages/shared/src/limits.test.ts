import { describe, expect, it } from 'vitest';
import { multilineText, text } from './limits.ts';

describe('bounded text', () => {
  it('a one-line text refuses line breaks and other control characters', () => {
    expect(text(50).safeParse('Refund requested').success).toBe(true);
    expect(text(50).safeParse('two\nlines').success).toBe(false);
    expect(text(50).safeParse('bell\u0007').success).toBe(false);
  });

  it('a note keeps its paragraphs: line breaks (normalised) and tabs pass, other control characters do not', () => {
    const note = multilineText(50);
    expect(note.parse('  Called the airport.\r\n\r\nBag found:\ttag 4471  ')).toBe(
      'Called the airport.\n\nBag found:\ttag 4471',
    );
    expect(note.safeParse('escape \u001b[31m').success).toBe(false);
    expect(note.safeParse('null \u0000').success).toBe(false);
    expect(note.safeParse(' \n\t ').success).toBe(false);
  });

  it('counts the length after normalising line breaks, and refuses oversized input before transforming it', () => {
    const note = multilineText(10);
    expect(note.safeParse('12345\r\n6789').success).toBe(true);
    expect(note.safeParse('12345\n67890').success).toBe(false);
    expect(note.safeParse('x'.repeat(21)).success).toBe(false);
  });
});
