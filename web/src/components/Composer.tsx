import { cleanTypedText, MAX_MESSAGE_LENGTH, type TChat } from '@parta/protocol';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import {
  type Candidate,
  decodeMentions,
  EVERYONE,
  encodeMentions,
  insertMention,
  matchCandidates,
  mentionQuery,
} from '../format/mentions.js';
import { t } from '../i18n/index.js';
import { composeModes, editMessage, setComposeMode } from '../state/compose.js';
import { loadMembers, members } from '../state/members.js';
import { enqueue } from '../state/outbox.js';
import { sendTyping, typingDone } from '../state/sync.js';
import { quoteOf } from '../state/threads.js';
import { ComposerBanner } from './ComposerBanner.js';
import { SendIcon } from './icons.js';
import { MentionPicker } from './MentionPicker.js';
import { ErrorNote } from './ui.js';

interface Draft {
  text: string;
  picked: ReadonlyMap<string, number>;
}

const drafts = new Map<number, Draft>();
const WARN_AT = MAX_MESSAGE_LENGTH - 300;
const MAX_HEIGHT_PX = 180;

/**
 * Enter sends, Shift+Enter starts a new line. A new message goes to the outbox
 * at once, so it is never lost to a bad connection; the draft of each chat is
 * kept. «@» offers the chat's members; a reply or an edit shows above the field.
 */
export function Composer({ chat, myId }: { chat: TChat; myId: number }) {
  const chatId = chat.id;
  const mode = composeModes.value.get(chatId) ?? null;
  const editing = mode?.kind === 'edit' ? mode.message : null;
  const [text, setText] = useState(() => drafts.get(chatId)?.text ?? '');
  const picked = useRef(new Map(drafts.get(chatId)?.picked ?? []));
  const [query, setQuery] = useState<{ start: number; query: string } | null>(null);
  const [active, setActive] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const area = useRef<HTMLTextAreaElement>(null);
  const caretAfter = useRef<number | null>(null);

  const body = encodeMentions(cleanTypedText(text).trim(), picked.current);
  const over = body.length - MAX_MESSAGE_LENGTH;

  // Into an edit: the message's text; out of it: the draft as it was.
  const editingId = editing?.id ?? null;
  useEffect(() => {
    if (editing) {
      const decoded = decodeMentions(editing.body);
      picked.current = decoded.picked;
      setText(decoded.text);
    } else {
      const draft = drafts.get(chatId);
      picked.current = new Map(draft?.picked ?? []);
      setText(draft?.text ?? '');
    }
    setError(null);
  }, [editingId]);

  useEffect(() => {
    if (mode) area.current?.focus();
  }, [mode]);

  useLayoutEffect(() => {
    const element = area.current;
    if (!element) return;
    element.style.height = 'auto';
    const height = element.scrollHeight + element.offsetHeight - element.clientHeight;
    element.style.height = `${Math.min(height, MAX_HEIGHT_PX)}px`;
    element.style.overflowY = height > MAX_HEIGHT_PX ? 'auto' : 'hidden';
    if (caretAfter.current !== null) {
      element.setSelectionRange(caretAfter.current, caretAfter.current);
      caretAfter.current = null;
    }
  }, [text]);

  const everyone: Candidate[] = chat.policies.moderate ? [{ id: 0, fullName: EVERYONE }] : [];
  const people = (members.value.get(chatId) ?? []).filter((member) => member.id !== myId);
  const candidates = query ? matchCandidates([...everyone, ...people], query.query) : [];
  const pickerOpen = candidates.length > 0;

  function change(value: string, caret: number) {
    setText(value);
    if (!editing) {
      if (value) drafts.set(chatId, { text: value, picked: picked.current });
      else drafts.delete(chatId);
      if (value.trim()) sendTyping(chatId);
    }
    findQuery(value, caret);
  }

  function findQuery(value: string, caret: number) {
    const found = mentionQuery(value, caret);
    setQuery(found);
    setActive(0);
    if (found) loadMembers(chatId);
  }

  function pick(candidate: Candidate) {
    if (!query) return;
    const caret = area.current?.selectionStart ?? text.length;
    const next = insertMention(text, query.start, caret, candidate.fullName);
    if (candidate.id !== 0) picked.current.set(candidate.fullName, candidate.id);
    caretAfter.current = next.caret;
    setQuery(null);
    change(next.text, next.caret);
    setQuery(null);
  }

  function cancelMode() {
    setComposeMode(chatId, null);
    area.current?.focus();
  }

  async function send() {
    if (!body || over > 0 || busy) return;
    if (editing) {
      if (body === editing.body) return cancelMode();
      setBusy(true);
      setError(null);
      try {
        await editMessage(editing, body);
        setComposeMode(chatId, null);
      } catch (failure) {
        setError(failure);
      } finally {
        setBusy(false);
      }
      return;
    }
    enqueue(chatId, body, mode?.kind === 'reply' ? quoteOf(mode.message) : null);
    if (mode) setComposeMode(chatId, null);
    picked.current = new Map();
    drafts.delete(chatId);
    setText('');
    setQuery(null);
    typingDone(chatId);
    area.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent) {
    if (pickerOpen) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setActive((active + step + candidates.length) % candidates.length);
        return;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        pick(candidates[active]!);
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        setQuery(null);
        return;
      }
    }
    if (event.key === 'Escape' && mode) {
      event.preventDefault();
      cancelMode();
    } else if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      void send();
    }
  }

  const fieldId = `composer-${chatId}`;
  const noteId = `${fieldId}-note`;
  const pickerId = `${fieldId}-mentions`;
  return (
    <form
      class="composer"
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
    >
      {mode && <ComposerBanner mode={mode} onCancel={cancelMode} />}
      {pickerOpen && <MentionPicker id={pickerId} candidates={candidates} active={active} onPick={pick} />}
      <div class="composer__row">
        <div class="composer__field">
          <label class="visually-hidden" for={fieldId}>
            {editing ? t('composer.editLabel') : t('composer.label')}
          </label>
          <textarea
            id={fieldId}
            ref={area}
            rows={1}
            value={text}
            placeholder={t('composer.placeholder')}
            aria-controls={pickerOpen ? pickerId : undefined}
            aria-autocomplete="list"
            aria-activedescendant={pickerOpen ? `${pickerId}-${active}` : undefined}
            aria-invalid={over > 0 || undefined}
            aria-describedby={body.length >= WARN_AT ? noteId : undefined}
            onInput={(event) => change(event.currentTarget.value, event.currentTarget.selectionStart)}
            onClick={(event) => findQuery(event.currentTarget.value, event.currentTarget.selectionStart)}
            onKeyDown={onKeyDown}
          />
          {over > 0 ? (
            <p class="composer__left composer__left--over" id={noteId} role="alert">
              {t('composer.tooLong', { count: over, max: MAX_MESSAGE_LENGTH })}
            </p>
          ) : (
            body.length >= WARN_AT && (
              <p class="composer__left" id={noteId}>
                {t('composer.left', { count: -over })}
              </p>
            )
          )}
        </div>
        <button
          type="submit"
          class="composer__send"
          disabled={!body || over > 0 || busy}
          aria-label={editing ? t('composer.save') : t('composer.send')}
        >
          <SendIcon />
        </button>
      </div>
      <ErrorNote error={error} />
    </form>
  );
}
