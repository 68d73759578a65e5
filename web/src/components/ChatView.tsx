import type { ReactionEmoji, TChat, TMessage, TPendingMessage } from '@parta/protocol';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { messagePreview } from '../format/preview.js';
import { t } from '../i18n/index.js';
import { followLink } from '../router.js';
import { chats, chatsStatus, markRead, mentionsMe } from '../state/chats.js';
import { toggleReaction } from '../state/compose.js';
import { loadWaiting, waiting } from '../state/hours.js';
import { outbox } from '../state/outbox.js';
import { me } from '../state/session.js';
import { loadLatest, loadOlder, loadUntil, thread } from '../state/threads.js';
import { addFiles } from '../state/uploads.js';
import { jumpTo, jumpToMessage, pageVisible, viewing } from '../state/view.js';
import { ChatDialogs, type OpenDialog } from './ChatDialogs.js';
import { ChatHeader } from './ChatHeader.js';
import { Composer } from './Composer.js';
import { MessageList } from './MessageList.js';
import type { RowContext } from './MessageRow.js';
import { PinnedBar } from './PinnedBar.js';
import { EmptyState, RetryNote, SkeletonList } from './ui.js';

const NOTE_MS = 4000;
const noneWaiting: readonly TPendingMessage[] = [];

/** One open chat: header, the pinned message, the messages, the composer (or why there is none). */
export function ChatView({ chatId }: { chatId: number }) {
  const person = me.value!;
  const chat = chats.value.get(chatId);
  const current = thread(chatId).value;
  const pending = outbox.value.filter((item) => item.chatId === chatId);
  const waitingHere = waiting.value.get(chatId) ?? noneWaiting;
  const [atBottom, setAtBottom] = useState(false);
  const [seen, setSeen] = useState(0);
  const [open, setOpen] = useState<OpenDialog | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const lastId = current.items.at(-1)?.id ?? 0;
  const visible = pageVisible.value;
  const unreadAfter = useUnreadStart(chat);
  const jump = jumpTo.value?.chatId === chatId ? jumpTo.value : null;

  const announcement = useAnnouncement(current.items, person.id);
  const title = useRef<HTMLHeadingElement>(null);

  // On a phone the chat replaces the list: focus moves to its title instead of being lost.
  useEffect(() => {
    if (window.matchMedia('(max-width: 899px)').matches) title.current?.focus();
  }, []);

  // One's own messages waiting for the working hours (or their time) in this chat.
  useEffect(() => {
    void loadWaiting(chatId).catch(() => {});
  }, [chatId]);

  useEffect(() => {
    viewing.value = { chatId, atBottom };
    return () => {
      viewing.value = null;
    };
  }, [chatId, atBottom]);

  // Read is what has been on screen: up to the newest message seen, while the page is visible.
  const readUpTo = atBottom ? lastId : seen;
  useEffect(() => {
    if (!visible || readUpTo === 0 || !chat) return;
    if (readUpTo <= chat.lastReadMessageId && !(atBottom && chat.unreadCount > 0)) return;
    const after = current.items.filter((m) => m.id > readUpTo && m.authorId !== person.id);
    markRead(chatId, readUpTo, {
      unread: after.length,
      mentions: after.filter((m) => mentionsMe(m, person.id)).length,
    });
  }, [chatId, readUpTo, visible, chat?.unreadCount, chat?.lastReadMessageId]);

  // A quote, a pin or a search result: page back until the message is there.
  useEffect(() => {
    if (jump) void loadUntil(chatId, jump.messageId);
  }, [jump?.seq]);

  useEffect(() => {
    if (!note) return;
    const timer = setTimeout(() => setNote(null), NOTE_MS);
    return () => clearTimeout(timer);
  }, [note]);

  const ctx = useMemo<Omit<RowContext, 'flashId'> | null>(() => {
    if (!chat) return null;
    return {
      myId: person.id,
      timeZone: person.school.timeZone,
      readers: Math.max(0, chat.memberCount - 1),
      direct: chat.kind === 'direct',
      // counts under everyone's messages for those who keep order; who read, in the dialog, by seeWhoRead
      seesAllReads: chat.policies.moderate,
      canReact: chat.policies.react,
      onMenu: (message: TMessage) => setOpen({ kind: 'menu', message }),
      onReads: (message: TMessage) => setOpen({ kind: 'reads', message }),
      onQuote: (messageId: number) => jumpToMessage(chatId, messageId),
      onReact: (message: TMessage, emoji: ReactionEmoji) =>
        void toggleReaction(message, emoji, person.id).catch((error: Error) => setNote(error.message)),
    };
  }, [chat?.memberCount, chat?.kind, chat?.policies.moderate, chat?.policies.react, person.id, chatId]);

  if (!chat || !ctx) {
    if (chatsStatus.value !== 'ready') return <SkeletonList label={t('chat.loading')} />;
    return (
      <EmptyState title={t('chat.notFoundTitle')} text={t('chat.notFoundText')}>
        <a class="button button--primary" href="/" onClick={(event) => followLink(event, '/')}>
          {t('chat.back')}
        </a>
      </EmptyState>
    );
  }

  // Shown once: the server's copy of a pending message replaces it.
  const confirmed = new Set(current.items.map((message) => message.clientId));
  const stillPending = pending.filter((item) => !confirmed.has(item.clientId));
  const stillWaiting = waitingHere.filter((item) => !confirmed.has(item.clientId));

  return (
    <section
      class="chat"
      aria-labelledby={`chat-title-${chatId}`}
      // On a computer: files dropped anywhere on the chat go with the next message.
      onDragOver={(event) => {
        if (chat.policies.post && event.dataTransfer?.types.includes('Files')) event.preventDefault();
      }}
      onDrop={(event) => {
        const dropped = [...(event.dataTransfer?.files ?? [])];
        if (!chat.policies.post || dropped.length === 0) return;
        event.preventDefault();
        addFiles(chatId, dropped);
      }}
    >
      <ChatHeader chat={chat} titleRef={title} />
      <PinnedBar chat={chat} />
      {current.status === 'loading' &&
      current.items.length === 0 &&
      stillPending.length === 0 &&
      stillWaiting.length === 0 ? (
        <div class="messages messages--loading">
          <SkeletonList rows={4} label={t('chat.loading')} />
        </div>
      ) : current.status === 'error' ? (
        <div class="messages messages--center">
          <RetryNote error={current.error} retry={() => void loadLatest(chatId)} />
        </div>
      ) : current.items.length === 0 && stillPending.length === 0 && stillWaiting.length === 0 ? (
        <div class="messages messages--center">
          <EmptyState title={t('chat.emptyTitle')} text={emptyText(chat)} />
        </div>
      ) : (
        <MessageList
          items={current.items}
          pending={stillPending}
          waiting={stillWaiting}
          ctx={ctx}
          hasMore={current.hasMore}
          loadingOlder={current.loadingOlder}
          unreadAfter={unreadAfter}
          jump={jump}
          onJumped={() => {
            if (jumpTo.peek() === jump) jumpTo.value = null;
          }}
          onNearTop={() => void loadOlder(chatId)}
          onBottomChange={setAtBottom}
          onSeen={(id) => setSeen((before) => Math.max(before, id))}
          newBelow={
            current.items.filter((message) => message.id > seen && message.authorId !== person.id).length
          }
        />
      )}
      <p class="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      {note && (
        <p class="chat__note" role="status">
          {note}
        </p>
      )}
      {chat.policies.post ? (
        <Composer key={chatId} chat={chat} myId={person.id} />
      ) : (
        <p class="chat__readonly">{readOnlyText(chat)}</p>
      )}
      <ChatDialogs
        open={open}
        chat={chat}
        items={current.items}
        myId={person.id}
        setOpen={setOpen}
        notify={setNote}
      />
    </section>
  );
}

function emptyText(chat: TChat): string {
  if (chat.kind === 'direct') return t('chat.emptyDirect');
  return chat.policies.post ? t('chat.emptyText') : t('chat.emptyReadOnly');
}

function readOnlyText(chat: TChat): string {
  if (chat.archived) return t('chat.archived');
  if (chat.kind === 'announcement') return t('chat.ownersOnly');
  return t('chat.readOnly');
}

/**
 * Where «Новые сообщения» goes: after what the reader had read when the chat
 * opened (kept while it stays open, so the line does not move as they read).
 */
function useUnreadStart(chat: TChat | undefined): number | null {
  const start = useRef<number | null | undefined>(undefined);
  if (start.current === undefined && chat) {
    start.current = chat.unreadCount > 0 ? chat.lastReadMessageId : null;
  }
  return start.current ?? null;
}

/** For screen readers: a message from someone else that arrived while the chat is open. */
function useAnnouncement(items: readonly TMessage[], myId: number): string {
  const seen = useRef<number | null>(null);
  const [text, setText] = useState('');
  const last = items.at(-1);
  useEffect(() => {
    if (!last) return;
    const first = seen.current === null;
    if (!first && last.id > seen.current! && last.authorId !== myId) {
      setText(t('chat.announce', { name: last.authorName, text: messagePreview(last) }));
    }
    seen.current = Math.max(seen.current ?? 0, last.id);
  }, [last, myId]);
  return text;
}
