/** Small formatting rules of the inbox rows (pure, so they are tested without rendering). */

const MINUTE = 60_000;

/** "12 min", "3 h", "2 d" (short units in the interface language); under a minute counts as 0 min. */
export function formatDuration(ms: number, locale: string): string {
  const minutes = Math.max(0, Math.floor(ms / MINUTE));
  const [value, unit] =
    minutes < 60
      ? [minutes, 'minute']
      : minutes < 48 * 60
        ? [Math.floor(minutes / 60), 'hour']
        : [Math.floor(minutes / 1440), 'day'];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short' }).format(value);
}

/** Waiting time since the oldest unanswered inbound message; null when nothing waits. */
export function waitingFor(waitingSince: string | null, now: number): number | null {
  if (!waitingSince) return null;
  const at = Date.parse(waitingSince);
  return Number.isNaN(at) ? null : Math.max(0, now - at);
}

export type SlaClock = { kind: 'none' } | { kind: 'due'; ms: number } | { kind: 'overdue'; ms: number };

export function slaClock(slaDueAt: string | null, now: number): SlaClock {
  if (!slaDueAt) return { kind: 'none' };
  const due = Date.parse(slaDueAt);
  if (Number.isNaN(due)) return { kind: 'none' };
  return due >= now ? { kind: 'due', ms: due - now } : { kind: 'overdue', ms: now - due };
}

/** Two initials for an avatar ("Léa Martin" → "LM"). */
export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0]!, parts[parts.length - 1]!] : parts;
  return letters.map((p) => [...p][0]!.toUpperCase()).join('') || '?';
}

/** A tag colour is used in a style only when it is a plain `#rrggbb` (never arbitrary CSS). */
export function safeColor(color: string | null | undefined): string | undefined {
  return color && /^#[0-9a-fA-F]{6}$/.test(color) ? color : undefined;
}

/**
 * Splits `text` around the case-insensitive occurrences of the query's words, for <mark> highlighting.
 * Returns plain strings: the caller renders them as text, never as HTML.
 */
export function highlightParts(text: string, query: string): { text: string; match: boolean }[] {
  const words = [
    ...new Set(
      query
        .toLowerCase()
        .split(/\s+/)
        .filter((w) => w.length >= 2),
    ),
  ];
  if (!words.length || !text) return text ? [{ text, match: false }] : [];
  const lower = text.toLowerCase();
  // Lower-casing changed the length (e.g. 'İ'): offsets would not line up, so no highlight rather than a wrong one.
  if (lower.length !== text.length) return [{ text, match: false }];
  const parts: { text: string; match: boolean }[] = [];
  let i = 0;
  let plain = '';
  while (i < text.length) {
    const word = words.find((w) => lower.startsWith(w, i));
    if (word) {
      if (plain) parts.push({ text: plain, match: false });
      plain = '';
      parts.push({ text: text.slice(i, i + word.length), match: true });
      i += word.length;
    } else {
      plain += text[i];
      i += 1;
    }
  }
  if (plain) parts.push({ text: plain, match: false });
  return parts;
}
