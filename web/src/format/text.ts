import { HIGHLIGHT_END, HIGHLIGHT_START, MENTION_PATTERN, plainText } from '@parta/protocol';

/**
 * A message body read as light formatting (protocol/src/text.ts): `**bold**`,
 * `_italic_`, links, line breaks and mentions `@[Имя](id)`. The result is a
 * tree of plain values that the renderer turns into elements — never HTML.
 */
export type Span =
  | { kind: 'text'; text: string }
  | { kind: 'br' }
  | { kind: 'link'; href: string; text: string }
  | { kind: 'mention'; id: number; name: string }
  | { kind: 'bold'; children: Span[] }
  | { kind: 'italic'; children: Span[] };

const mentionAt = new RegExp(MENTION_PATTERN.source, 'uy');
/** `@все` (or `@all`): everyone in the chat; shown like a mention with this id. */
const everyoneAt = /(?:все|all)(?![\p{L}\p{N}])/iuy;
export const EVERYONE_ID = 0;
const linkAt = /(?:https?:\/\/|www\.)[^\s<>"'«»]+/iy;
const wordChar = /[\p{L}\p{N}]/u;
/** Punctuation that ends a sentence rather than the link before it. */
const trailing = /[.,!?:;'"»…]$/u;

function isWordChar(char: string | undefined): boolean {
  return char !== undefined && wordChar.test(char);
}

/** `https://…` or `www.…` as an address the browser may open, or null. */
export function safeHref(raw: string): string | null {
  const candidate = /^www\./i.test(raw) ? `https://${raw}` : raw;
  try {
    const url = new URL(candidate);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** The link starting at `at`, without the punctuation that follows it in the sentence. */
function readLink(body: string, at: number): string | null {
  if (isWordChar(body[at - 1])) return null;
  linkAt.lastIndex = at;
  const match = linkAt.exec(body);
  if (!match) return null;
  let text = match[0];
  for (;;) {
    if (trailing.test(text)) text = text.slice(0, -1);
    else if (text.endsWith(')') && count(text, '(') < count(text, ')')) text = text.slice(0, -1);
    else break;
  }
  return text.length > 4 ? text : null;
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

/** Where `**…**` that opens at `at` closes, or -1. */
function closeBold(body: string, at: number): number {
  const end = body.indexOf('**', at + 2);
  if (end <= at + 2) return -1;
  const inner = body.slice(at + 2, end);
  return inner.trim() === inner ? end : -1;
}

/** Where `_…_` that opens at `at` closes, or -1: only around whole words, so snake_case stays as it is. */
function closeItalic(body: string, at: number): number {
  if (isWordChar(body[at - 1]) || body[at + 1] === undefined || /\s|_/.test(body[at + 1]!)) return -1;
  for (let end = body.indexOf('_', at + 1); end > 0; end = body.indexOf('_', end + 1)) {
    const inner = body.slice(at + 1, end);
    if (inner.includes('\n')) return -1;
    if (inner.trim() === inner && !isWordChar(body[end + 1])) return end;
  }
  return -1;
}

export function parseBody(body: string): Span[] {
  const spans: Span[] = [];
  let text = '';
  const flush = () => {
    if (text) spans.push({ kind: 'text', text });
    text = '';
  };
  let at = 0;
  while (at < body.length) {
    const char = body[at]!;
    if (char === '\n') {
      flush();
      spans.push({ kind: 'br' });
      at += 1;
      continue;
    }
    if (char === '@') {
      mentionAt.lastIndex = at;
      const match = mentionAt.exec(body);
      if (match) {
        flush();
        spans.push({ kind: 'mention', id: Number(match[2]), name: match[1]! });
        at += match[0].length;
        continue;
      }
      everyoneAt.lastIndex = at + 1;
      const everyone = !/[\p{L}\p{N}@]/u.test(body[at - 1] ?? ' ') && everyoneAt.exec(body);
      if (everyone) {
        flush();
        spans.push({ kind: 'mention', id: EVERYONE_ID, name: everyone[0] });
        at += everyone[0].length + 1;
        continue;
      }
    }
    if (char === 'h' || char === 'H' || char === 'w' || char === 'W') {
      const link = readLink(body, at);
      const href = link && safeHref(link);
      if (link && href) {
        flush();
        spans.push({ kind: 'link', href, text: link });
        at += link.length;
        continue;
      }
    }
    if (char === '*' && body[at + 1] === '*') {
      const end = closeBold(body, at);
      if (end > 0) {
        flush();
        spans.push({ kind: 'bold', children: parseBody(body.slice(at + 2, end)) });
        at = end + 2;
        continue;
      }
    }
    if (char === '_') {
      const end = closeItalic(body, at);
      if (end > 0) {
        flush();
        spans.push({ kind: 'italic', children: parseBody(body.slice(at + 1, end)) });
        at = end + 1;
        continue;
      }
    }
    text += char;
    at += 1;
  }
  flush();
  return spans;
}

/**
 * A search result's fragment: plain text (mentions as «@Имя», no `**`) split
 * into pieces, the matched words marked.
 */
export function parseHeadline(headline: string): { text: string; mark: boolean }[] {
  const plain = plainText(headline).replaceAll('**', '');
  const pieces: { text: string; mark: boolean }[] = [];
  let mark = false;
  let text = '';
  for (const char of plain) {
    if (char === HIGHLIGHT_START || char === HIGHLIGHT_END) {
      if (text) pieces.push({ text, mark });
      text = '';
      mark = char === HIGHLIGHT_START;
    } else {
      text += char;
    }
  }
  if (text) pieces.push({ text, mark });
  return pieces;
}

/** A body as one line for a preview or a quote: mentions as «@Имя», markers and line breaks gone. */
export function previewText(body: string): string {
  return plainText(body)
    .replace(/\*\*(.+?)\*\*/gu, '$1')
    .replace(/\s+/gu, ' ')
    .trim();
}
