import { MENTION_PATTERN, mentionToken } from '@parta/protocol';

/**
 * The composer shows a mention as «@Иванова Мария Петровна» and sends it as
 * `@[Иванова Мария Петровна](12)`; these helpers go between the two.
 */
export interface Candidate {
  /** 0 for «@все» */
  id: number;
  fullName: string;
  /** who a parent is, for staff («мама Миши В., 1А»): tells namesakes apart */
  context?: string | null | undefined;
}

export const EVERYONE = 'все';

/** The «@…» being typed just before the caret, if any: where it starts and what follows the @. */
export function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const match = /(^|[\s(])@([\p{L}\p{N}-]*(?: [\p{L}\p{N}-]*)?)$/u.exec(before);
  if (!match) return null;
  return { start: before.length - match[2]!.length - 1, query: match[2]! };
}

/** People whose names have a word starting with each word typed, best (surname) matches first. */
export function matchCandidates(candidates: readonly Candidate[], query: string, limit = 6): Candidate[] {
  const words = query.toLocaleLowerCase().split(' ').filter(Boolean);
  const scored: { candidate: Candidate; score: number }[] = [];
  for (const candidate of candidates) {
    const parts = candidate.fullName.toLocaleLowerCase().split(/\s+/);
    if (!words.every((word) => parts.some((part) => part.startsWith(word)))) continue;
    const score = words.length > 0 && parts[0]!.startsWith(words[0]!) ? 0 : 1;
    scored.push({ candidate, score });
  }
  return scored
    .sort((a, b) => a.score - b.score || a.candidate.fullName.localeCompare(b.candidate.fullName, 'ru'))
    .slice(0, limit)
    .map((item) => item.candidate);
}

/** Puts «@Имя » in place of the «@…» being typed; returns the text and where the caret goes. */
export function insertMention(
  text: string,
  start: number,
  caret: number,
  name: string,
): { text: string; caret: number } {
  const inserted = `@${name} `;
  const after = text.slice(caret).replace(/^ /, '');
  return { text: text.slice(0, start) + inserted + after, caret: start + inserted.length };
}

/** The text as it is sent: each «@Имя» picked from the list becomes its token. */
export function encodeMentions(text: string, picked: ReadonlyMap<string, number>): string {
  const names = [...picked.keys()].sort((a, b) => b.length - a.length);
  if (names.length === 0) return text;
  const escaped = names.map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(`(^|[^\\p{L}\\p{N}\\[])@(${escaped.join('|')})(?![\\p{L}\\p{N}])`, 'gu');
  return text.replace(
    pattern,
    (_, lead: string, name: string) => lead + mentionToken(name, picked.get(name)!),
  );
}

/** A sent body back in the composer (editing): tokens shown as «@Имя», remembered for sending again. */
export function decodeMentions(body: string): { text: string; picked: Map<string, number> } {
  const picked = new Map<string, number>();
  const text = body.replace(MENTION_PATTERN, (_, name: string, id: string) => {
    picked.set(name, Number(id));
    return `@${name}`;
  });
  return { text, picked };
}
