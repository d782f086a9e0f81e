import { describe, expect, it } from 'vitest';
import { checkReply } from './reply-check.ts';
import { loadReplyTools } from './use-reply-tools.ts';

const tools = await loadReplyTools();

describe('checkReply', () => {
  it('counts as X does: an emoji 2, any URL 23, and says the post carries a link', () => {
    const check = checkReply(tools, 'Sorry 😞 see https://skyward.com/bags/123456789012345678901234567890', 'public');
    // "Sorry " 6 + 😞 2 + " see " 5 + URL 23.
    expect(check).toMatchObject({ count: 36, max: 280, remaining: 244, over: 0, hasUrl: true, sendable: true });
  });

  it('does not count the leading @mentions of a public reply (reply metadata) and names them', () => {
    const check = checkReply(tools, '@camille @SkywardAir Merci 👍🏽', 'public');
    expect(check.count).toBe(8);
    expect(check.uncounted).toBe('@camille @SkywardAir');
    // Only mentions: nothing to post.
    expect(checkReply(tools, '@camille  ', 'public')).toMatchObject({ empty: true, sendable: false });
  });

  it('refuses over 280 weighted characters and says by how much; exactly 280 may be sent', () => {
    const over = checkReply(tools, `Désolé 😞 ${'x'.repeat(250)} https://skyward.com/status`, 'public');
    expect(over).toMatchObject({ count: 284, remaining: -4, over: 4, sendable: false });
    expect(checkReply(tools, 'x'.repeat(280), 'public')).toMatchObject({ count: 280, remaining: 0, sendable: true });
  });

  it('counts a direct message in characters against 10,000, without the link warning', () => {
    // 9,999 + the emoji 1 + a space 1 + the URL as written 19.
    const check = checkReply(tools, `${'é'.repeat(9_999)}😞 https://skyward.com`, 'dm');
    expect(check).toMatchObject({ count: 10_020, max: 10_000, over: 20, hasUrl: false, sendable: false });
    expect(checkReply(tools, '@camille hello', 'dm')).toMatchObject({ count: 14, uncounted: '', sendable: true });
  });

  it('counts a reply through a generic webhook channel in characters against its own 5,000, not X’s 280', () => {
    const long = `${'x'.repeat(400)} https://skyward.com 😞`;
    expect(checkReply(tools, long, 'public', 'webhook')).toMatchObject({
      count: 422,
      max: 5_000,
      hasUrl: false,
      sendable: true,
    });
    expect(checkReply(tools, 'x'.repeat(5_001), 'public', 'webhook')).toMatchObject({ over: 1, sendable: false });
    // The same text on X is over the limit.
    expect(checkReply(tools, long, 'public', 'x').sendable).toBe(false);
  });

  it('refuses a text that still holds a {{variable}}, naming each once', () => {
    const check = checkReply(tools, 'Hi {{customer.handle}}, {{ order.id }} {{customer.handle}}', 'public');
    expect(check.unfilled).toEqual(['customer.handle', 'order.id']);
    expect(check.sendable).toBe(false);
  });
});
