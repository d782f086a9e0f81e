/**
 * Untrusted text (mentions, notes, names) split into plain-text pieces: links only for http/https URLs, and
 * `@Name` of a mentioned member marked so it can be highlighted. Nothing here produces HTML: the components
 * render each piece as a text node (or an <a> whose href was checked).
 */
export type Piece =
  { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string } | { kind: 'mention'; text: string };

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"']+/gi;
// Closing punctuation is rarely part of a URL ("see https://x.test/a.").
const TRAILING = /[.,;:!?)\]}]+$/;

/** `value` when it is an absolute http(s) URL, else null (javascript:, data:, relative…). */
export function safeHttpUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

function linkify(text: string): Piece[] {
  const pieces: Piece[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const raw = match[0].replace(TRAILING, '');
    const start = match.index;
    const href = safeHttpUrl(raw);
    if (!href) continue;
    if (start > last) pieces.push({ kind: 'text', text: text.slice(last, start) });
    pieces.push({ kind: 'link', text: raw, href });
    last = start + raw.length;
  }
  if (last < text.length) pieces.push({ kind: 'text', text: text.slice(last) });
  return pieces;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Splits `text` into text, links and `@Name` mentions of the given names (longest names first). */
export function splitRichText(text: string, mentionNames: readonly string[] = []): Piece[] {
  const names = [...new Set(mentionNames.filter((n) => n.trim()))].sort((a, b) => b.length - a.length);
  if (names.length === 0) return linkify(text);
  const pattern = new RegExp(`@(?:${names.map(escapeRegExp).join('|')})`, 'g');
  const pieces: Piece[] = [];
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > last) pieces.push(...linkify(text.slice(last, match.index)));
    pieces.push({ kind: 'mention', text: match[0] });
    last = match.index + match[0].length;
  }
  if (last < text.length) pieces.push(...linkify(text.slice(last)));
  return pieces;
}
