/** The `@query` being typed just before the caret, with where it starts; null when not in a mention. */
export function mentionQueryAt(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const match = /(^|\s)@([\p{L}\p{N}_.'-]*)$/u.exec(before);
  if (!match) return null;
  const query = match[2] ?? '';
  return { start: before.length - query.length - 1, query };
}

/** Agents whose name matches the query (any word starting with it, or the whole name). */
export function matchAgents<T extends { name: string }>(agents: readonly T[], query: string, max = 8): T[] {
  const q = query.trim().toLocaleLowerCase();
  if (!q) return agents.slice(0, max);
  return agents
    .filter((a) => {
      const name = a.name.toLocaleLowerCase();
      return name.startsWith(q) || name.split(/\s+/).some((word) => word.startsWith(q));
    })
    .slice(0, max);
}

/** The user ids whose `@Name` is still in the text (a mention deleted after insertion is not sent). */
export function mentionedIds(text: string, inserted: ReadonlyMap<string, string>): string[] {
  const out: string[] = [];
  for (const [userId, name] of inserted) if (text.includes(`@${name}`)) out.push(userId);
  return out;
}
