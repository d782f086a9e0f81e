import { CANNED_VARIABLES, type CannedValues, type CannedVariable } from '@perch/shared';

/** A piece of a canned reply's text: plain text, or a {{ variable }} as written (known to Perch or not). */
export type CannedSegment =
  { kind: 'text'; text: string } | { kind: 'variable'; text: string; name: string; known: boolean };

/** The same pattern as `variablesIn` in @perch/shared, so what is highlighted is what the server checks. */
const VARIABLE = /\{\{\s*([^{}]*?)\s*\}\}/g;

export const isCannedVariable = (name: string): name is CannedVariable =>
  (CANNED_VARIABLES as readonly string[]).includes(name);

/** The text cut into plain pieces and variables, in order (for highlighting). */
export function segmentsOf(template: string): CannedSegment[] {
  const out: CannedSegment[] = [];
  let last = 0;
  for (const match of template.matchAll(VARIABLE)) {
    const at = match.index;
    if (at > last) out.push({ kind: 'text', text: template.slice(last, at) });
    const name = match[1] ?? '';
    out.push({ kind: 'variable', text: match[0], name, known: isCannedVariable(name) });
    last = at + match[0].length;
  }
  if (last < template.length) out.push({ kind: 'text', text: template.slice(last) });
  return out;
}

/** `{{customer.name}}` as it is written into a text. */
export const tokenOf = (variable: CannedVariable) => `{{${variable}}}`;

/** The text with `token` replacing the selection [start, end), and where the caret goes after it. */
export function insertAt(text: string, start: number, end: number, token: string): { text: string; caret: number } {
  const from = Math.max(0, Math.min(start, text.length));
  const to = Math.max(from, Math.min(end, text.length));
  return { text: text.slice(0, from) + token + text.slice(to), caret: from + token.length };
}

/** What the preview fills the variables with: sample customer and agent, and the real brand's name. */
export function sampleValues(
  sample: { customerName: string; customerHandle: string; agentFirstName: string },
  brandName: string,
): CannedValues {
  return {
    'customer.name': sample.customerName,
    'customer.handle': sample.customerHandle,
    'agent.first_name': sample.agentFirstName,
    'brand.name': brandName,
  };
}

/** A shortcut as the server stores it: trimmed, lower-case, without the `/` people type before it. */
export const normalizeShortcut = (raw: string) => raw.trim().replace(/^\//u, '').toLowerCase();

/** Same rule as the server's shortcut schema. */
export const SHORTCUT = /^[a-z0-9][a-z0-9_-]{0,39}$/u;
/** Same rule as the server's language schema. */
export const LANGUAGE_CODE = /^[a-z]{2}$/u;
