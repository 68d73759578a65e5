import { cleanTypedText, MAX_ATTACHMENTS, MAX_MESSAGE_LENGTH, type TChat } from '@parta/protocol';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { ApiError, NetworkError } from '../api/http.js';
import { decodeMentions, encodeMentions } from '../format/mentions.js';
import { whenNear } from '../format/time.js';
import { useSubmit } from '../forms/useSubmit.js';
import { t } from '../i18n/index.js';
import { composeModes, editMessage, setComposeMode } from '../state/compose.js';
import { heldUntil, serverNow } from '../state/hours.js';
import { enqueue, sendNow } from '../state/outbox.js';
import { me } from '../state/session.js';
import { sendTyping, typingDone } from '../state/sync.js';
import { quoteOf } from '../state/threads.js';
import { addFiles, clearSent, uploads } from '../state/uploads.js';
import { ComposerBanner, HoursNote } from './ComposerBanner.js';
import { ScheduleDialog, tomorrowMorning, UrgentDialog } from './HoursDialogs.js';
import { ClockIcon, SendIcon } from './icons.js';
import { MentionPicker } from './MentionPicker.js';
import { AttachButton, UploadTray } from './UploadTray.js';
import { ErrorNote } from './ui.js';
import { useMentions } from './useMentions.js';

interface Draft {
  text: string;
  picked: ReadonlyMap<string, number>;
}

const drafts = new Map<number, Draft>();
/** A phone or a tablet without a mouse: its keyboard's Enter makes a new line. */
const touchFirst = () => window.matchMedia('(hover: none) and (pointer: coarse)').matches;
const WARN_AT = MAX_MESSAGE_LENGTH - 300;
const MAX_HEIGHT_PX = 180;

/**
 * On a computer Enter sends and Shift+Enter starts a new line; on a phone
 * Enter starts a new line and the button sends (as in Telegram: the phone's
 * keyboard has no Shift, and a half-written message must not leave). A new
 * message goes to the outbox
 * at once, so it is never lost to a bad connection; the draft of each chat is
 * kept. «@» offers the chat's members; a reply or an edit shows above the field.
 */
export function Composer({ chat, myId }: { chat: TChat; myId: number }) {
  const chatId = chat.id;
  const mode = composeModes.value.get(chatId) ?? null;
  const editing = mode?.kind === 'edit' ? mode.message : null;
  const [text, setText] = useState(() => drafts.get(chatId)?.text ?? '');
  const picked = useRef(new Map(drafts.get(chatId)?.picked ?? []));
  const { busy, error, run, setError } = useSubmit();
  const area = useRef<HTMLTextAreaElement>(null);
  const caretAfter = useRef<number | null>(null);
  const fieldId = `composer-${chatId}`;
  const mentions = useMentions({
    chat,
    myId,
    id: `${fieldId}-mentions`,
    picked,
    onText: (next, caret) => {
      caretAfter.current = caret;
      change(next, caret);
    },
  });

  const body = encodeMentions(cleanTypedText(text).trim(), picked.current);
  const over = body.length - MAX_MESSAGE_LENGTH;
  // Files: sent with the message once every one chosen has finished uploading.
  const files = editing ? [] : (uploads.value.get(chatId) ?? []);
  const ready = files.filter((file) => file.status === 'done');
  const uploading = files.some((file) => file.status === 'uploading');
  const canSend = (body.length > 0 || ready.length > 0) && over <= 0 && !busy && !uploading;
  const [dialog, setDialog] = useState<'schedule' | 'urgent' | null>(null);

  // A study chat outside the working hours: when a message written now arrives (the server's time).
  const school = me.value?.school;
  const timeZone = school?.timeZone ?? 'UTC';
  const now = serverNow();
  const until = chat.study && school ? heldUntil(school.hours, timeZone, now) : null;

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

  function change(value: string, caret: number) {
    setText(value);
    if (!editing) {
      if (value) drafts.set(chatId, { text: value, picked: picked.current });
      else drafts.delete(chatId);
      if (value.trim()) sendTyping(chatId);
    }
    mentions.find(value, caret);
  }

  const caret = () => area.current?.selectionStart ?? text.length;

  function cancelMode() {
    setComposeMode(chatId, null);
    area.current?.focus();
  }

  function attach(chosen: readonly File[]) {
    const left = addFiles(chatId, chosen);
    setError(
      left > 0 ? new ApiError(0, 'files.too_many', t('files.tooMany', { max: MAX_ATTACHMENTS })) : null,
    );
  }

  async function send() {
    if (!canSend) return;
    if (editing) {
      if (body === editing.body) return cancelMode();
      await run(async () => {
        await editMessage(editing, body);
        setComposeMode(chatId, null);
      });
      return;
    }
    if (ready.length > 0) return sendWith({});
    enqueue(chatId, body, mode?.kind === 'reply' ? quoteOf(mode.message) : null);
    sent();
  }

  /** Through a dialog (scheduled, urgent): sent at once, a refusal is said in the dialog. */
  async function sendWith(extra: { sendAt?: string; urgentReason?: string }) {
    const attachmentIds = ready.map((file) => file.attachment!.id);
    const go = () =>
      sendNow(chatId, body, {
        ...extra,
        attachmentIds,
        replyTo: mode?.kind === 'reply' ? quoteOf(mode.message) : null,
      });
    if (attachmentIds.length === 0 || extra.sendAt || extra.urgentReason) await go();
    else {
      // Files need the connection: a refusal is said under the composer, and the message stays.
      const ok = await run(() =>
        go().catch((error: unknown) => {
          throw error instanceof NetworkError ? new ApiError(0, 'files.offline', t('files.offline')) : error;
        }),
      );
      if (!ok) return;
    }
    clearSent(
      chatId,
      ready.map((file) => file.key),
    );
    sent();
  }

  function sent() {
    if (mode) setComposeMode(chatId, null);
    picked.current = new Map();
    drafts.delete(chatId);
    setText('');
    mentions.close();
    typingDone(chatId);
    area.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent) {
    if (mentions.onKeyDown(event, text, caret())) return;
    if (event.key === 'Escape' && mode) {
      event.preventDefault();
      cancelMode();
    } else if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && !touchFirst()) {
      event.preventDefault();
      void send();
    }
  }

  const noteId = `${fieldId}-note`;
  const hoursId = `${fieldId}-hours`;
  return (
    <>
      <form
        class="composer"
        onSubmit={(event) => {
          event.preventDefault();
          void send();
        }}
      >
        {until && !editing && (
          <HoursNote
            id={hoursId}
            when={whenNear(until, timeZone, now)}
            onUrgent={chat.policies.urgent ? () => setDialog('urgent') : null}
          />
        )}
        {mode && <ComposerBanner mode={mode} onCancel={cancelMode} />}
        {mentions.open && (
          <MentionPicker
            id={`${fieldId}-mentions`}
            candidates={mentions.candidates}
            active={mentions.active}
            onPick={(candidate) => mentions.pick(candidate, text, caret())}
          />
        )}
        {!editing && <UploadTray chatId={chatId} />}
        <div class="composer__row">
          {!editing && <AttachButton onFiles={attach} />}
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
              {...mentions.fieldProps}
              aria-invalid={over > 0 || undefined}
              aria-describedby={
                [until && !editing ? hoursId : '', body.length >= WARN_AT ? noteId : '']
                  .filter(Boolean)
                  .join(' ') || undefined
              }
              onInput={(event) => change(event.currentTarget.value, event.currentTarget.selectionStart)}
              onClick={(event) =>
                mentions.find(event.currentTarget.value, event.currentTarget.selectionStart)
              }
              onKeyDown={onKeyDown}
              onPaste={(event) => {
                const pasted = [...(event.clipboardData?.files ?? [])];
                if (pasted.length === 0 || editing) return;
                event.preventDefault();
                attach(pasted);
              }}
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
          {!editing && (
            <button
              type="button"
              class="composer__schedule"
              disabled={!canSend}
              onClick={() => setDialog('schedule')}
              aria-label={t('afterHours.schedule')}
              title={t('afterHours.schedule')}
            >
              <ClockIcon />
            </button>
          )}
          <button
            type="submit"
            class="composer__send"
            disabled={!canSend}
            aria-label={editing ? t('composer.save') : t('composer.send')}
          >
            <SendIcon />
          </button>
        </div>
        <ErrorNote error={error} />
      </form>
      {dialog === 'schedule' && (
        <ScheduleDialog
          start={until ?? tomorrowMorning(timeZone, now)}
          timeZone={timeZone}
          send={(sendAt) => sendWith({ sendAt })}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === 'urgent' && (
        <UrgentDialog
          empty={!canSend}
          send={(urgentReason) => sendWith({ urgentReason })}
          onClose={() => setDialog(null)}
        />
      )}
    </>
  );
}
