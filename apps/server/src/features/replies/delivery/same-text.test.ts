import { describe, expect, it } from 'vitest';
import { sameText } from './same-text.ts';

describe('finding our reply on the network by its text', () => {
  it('ignores what X changes: t.co links, HTML entities, NFC, leading reply mentions, outer spaces', () => {
    const ours = 'Sorry Ada & co — track it at https://perch.example/bags/12?x=1 <here>';
    expect(sameText(ours, '@ada_traveller Sorry Ada &amp; co — track it at https://t.co/AbC123 &lt;here&gt;')).toBe(
      true,
    );
    expect(sameText('Cafe\u0301 ouvert', 'Café ouvert')).toBe(true);
    expect(sameText('  merci !  ', 'merci !')).toBe(true);
  });

  it('anything else is another post', () => {
    expect(sameText('We are on it', 'We are on it!')).toBe(false);
    expect(sameText('Refund sent', 'Refund not sent')).toBe(false);
    expect(sameText('See https://a.example/x', 'See')).toBe(false);
    // Entities are unescaped once: a literal "&amp;" in our text stays distinct from "&".
    expect(sameText('Tom &amp; Jerry', 'Tom &amp; Jerry')).toBe(false);
    expect(sameText('Tom &amp; Jerry', 'Tom &amp;amp; Jerry')).toBe(true);
  });
});
