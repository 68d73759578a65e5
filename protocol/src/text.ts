/**
 * The message text conventions both sides share. Bodies are stored as typed;
 * the web renders `**bold**`, `_italic_`, links and line breaks itself
 * (never as HTML), and mentions as `@[Имя Фамилия](id)`.
 */
export const MENTION_PATTERN = /@\[([^\]\n]{1,200})\]\((\d{1,10})\)/gu;
const MENTION_ALL_PATTERN = /(^|[\s(])@(все|all)(?=$|[\s.,!?:;)])/iu;

export function mentionToken(fullName: string, id: number): string {
  return `@[${fullName.replace(/[[\]\n]/gu, ' ')}](${id})`;
}

export function parseMentions(body: string): { ids: number[]; all: boolean } {
  const ids = new Set<number>();
  for (const match of body.matchAll(MENTION_PATTERN)) ids.add(Number(match[2]));
  return { ids: [...ids], all: MENTION_ALL_PATTERN.test(body) };
}

/** The body as plain text (mentions as «@Имя»), for quotes, previews and notifications. */
export function plainText(body: string): string {
  return body.replace(MENTION_PATTERN, (_, name: string) => `@${name}`);
}
