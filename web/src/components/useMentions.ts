import type { TChat } from '@parta/protocol';
import { useState } from 'preact/hooks';
import {
  type Candidate,
  EVERYONE,
  insertMention,
  matchCandidates,
  mentionQuery,
} from '../format/mentions.js';
import { loadMembers, members } from '../state/members.js';

/**
 * «@…» in a text field: the chat's members (and «@все» for those who may
 * moderate) matching what follows the «@» before the caret, the one the
 * arrows point at, and what choosing one writes into the text.
 */
export function useMentions({
  chat,
  myId,
  id,
  picked,
  onText,
}: {
  chat: TChat;
  myId: number;
  /** the picker's element id (its options are `${id}-${index}`) */
  id: string;
  /** the names chosen so far and whom they mean, filled in as the writer picks */
  picked: { current: Map<string, number> };
  /** the text with the mention written in, and where the caret goes */
  onText: (text: string, caret: number) => void;
}) {
  const [query, setQuery] = useState<{ start: number; query: string } | null>(null);
  const [active, setActive] = useState(0);

  const everyone: Candidate[] = chat.policies.moderate ? [{ id: 0, fullName: EVERYONE }] : [];
  const people = (members.value.get(chat.id) ?? []).filter((member) => member.id !== myId);
  const candidates = query ? matchCandidates([...everyone, ...people], query.query) : [];
  const open = candidates.length > 0;

  /** Looks again at what stands before the caret (after typing or a click). */
  function find(text: string, caret: number) {
    const found = mentionQuery(text, caret);
    setQuery(found);
    setActive(0);
    if (found) loadMembers(chat.id);
  }

  function pick(candidate: Candidate, text: string, caret: number) {
    if (!query) return;
    const next = insertMention(text, query.start, caret, candidate.fullName);
    if (candidate.id !== 0) picked.current.set(candidate.fullName, candidate.id);
    onText(next.text, next.caret);
    setQuery(null);
  }

  /** The picker's keys while it is open: arrows move, Enter or Tab choose, Escape closes. True when taken. */
  function onKeyDown(event: KeyboardEvent, text: string, caret: number): boolean {
    if (!open) return false;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((active + step + candidates.length) % candidates.length);
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      pick(candidates[active]!, text, caret);
    } else if (event.key === 'Escape') {
      setQuery(null);
    } else {
      return false;
    }
    event.preventDefault();
    return true;
  }

  return {
    open,
    candidates,
    active,
    find,
    pick,
    onKeyDown,
    close: () => setQuery(null),
    /** the field's side of the listbox */
    fieldProps: {
      'aria-controls': open ? id : undefined,
      'aria-autocomplete': 'list' as const,
      'aria-activedescendant': open ? `${id}-${active}` : undefined,
    },
  };
}
