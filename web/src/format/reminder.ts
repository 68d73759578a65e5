import { MAX_MESSAGE_LENGTH, mentionToken } from '@parta/protocol';

/**
 * «Напомнить» in «Кто прочитал»: a reply to the message that mentions each
 * one who has not read it, so they are notified like any mention. As many as
 * the message's length allows; the rest are counted (`more`).
 */
export function reminderBody(
  lead: string,
  people: readonly { id: number; fullName: string }[],
  more: (count: number) => string,
): string {
  const room = MAX_MESSAGE_LENGTH - lead.length - 40;
  const tokens: string[] = [];
  let used = 0;
  for (const person of people) {
    const token = mentionToken(person.fullName, person.id);
    if (used + token.length + 1 > room) break;
    tokens.push(token);
    used += token.length + 1;
  }
  const left = people.length - tokens.length;
  return `${lead}\n${tokens.join(' ')}${left > 0 ? ` ${more(left)}` : ''}`;
}
