/**
 * Whether a post found on the network is the reply Perch sent, judged by its text. The network may have changed
 * the text in ways that do not make it another post: NFC normalisation, links rewritten to t.co, `&`, `<` and `>`
 * escaped as HTML entities (X API v2), leading @mentions added to a reply, surrounding whitespace. Anything else
 * must match exactly.
 */
const URL_PATTERN = /\bhttps?:\/\/\S+/giu;
const LEADING_MENTIONS = /^(?:@[A-Za-z0-9_]{1,15}\s+)+/u;
const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>' };

export function comparableText(text: string): string {
  return text.normalize('NFC').replace(URL_PATTERN, '<url>').trim().replace(LEADING_MENTIONS, '').trim();
}

/** `ours`: the text Perch sent; `theirs`: the text the network shows (entities unescaped in one pass). */
export function sameText(ours: string, theirs: string): boolean {
  const unescaped = theirs.replace(/&(?:amp|lt|gt);/g, (entity) => ENTITIES[entity] ?? entity);
  return comparableText(ours) === comparableText(unescaped);
}
