import type { CannedReplyItem, CannedVariable } from '@perch/shared';
import type { ReplyTools } from './use-reply-tools.ts';

export interface CannedContext {
  customerName: string;
  customerUsername: string | null;
  agentName: string | null;
  brandName: string | null;
}

/**
 * Inserts a canned reply's text with what is known filled in. A value not known here (no handle, brand not
 * loaded) leaves its `{{variable}}` as written: visible in the composer, and the send refuses it by name.
 */
export function fillCanned(tools: ReplyTools, template: string, context: CannedContext): string {
  const first = context.agentName ? tools.firstNameOf(context.agentName) : '';
  const known: Record<CannedVariable, string | null> = {
    'customer.name': context.customerName || null,
    'customer.handle': context.customerUsername ? `@${context.customerUsername}` : null,
    'agent.first_name': first || null,
    'brand.name': context.brandName,
  };
  const values = Object.fromEntries(
    tools.CANNED_VARIABLES.map((name) => [name, known[name] ?? `{{${name}}}`]),
  ) as Record<CannedVariable, string>;
  return tools.fillVariables(template, values);
}

/** The conversation's language first, then the most used; a stable order otherwise. */
export function orderCanned(items: readonly CannedReplyItem[], language: string | null): CannedReplyItem[] {
  const rank = (item: CannedReplyItem) => (language && item.language === language ? 0 : 1);
  return [...items].sort((a, b) => rank(a) - rank(b) || b.useCount - a.useCount || a.name.localeCompare(b.name));
}

/** Name, shortcut or text contains every word of the search (case- and accent-insensitive). */
export function matchCanned(items: readonly CannedReplyItem[], search: string): CannedReplyItem[] {
  const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();
  const words = fold(search).split(/\s+/u).filter(Boolean);
  if (words.length === 0) return [...items];
  const found = items.filter((item) => {
    const haystack = fold(`${item.name} ${item.shortcut ?? ''} ${item.text}`);
    return words.every((w) => haystack.includes(w));
  });
  // Typing a shortcut exactly puts its reply first, so `/delay` then Enter inserts it.
  const exact = fold(search.trim());
  return [...found.filter((i) => i.shortcut === exact), ...found.filter((i) => i.shortcut !== exact)];
}
