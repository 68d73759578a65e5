import type { TMessage } from '@parta/protocol';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n/index.js';
import { followLink } from '../router.js';
import { chats, chatsStatus, markRead } from '../state/chats.js';
import { outbox } from '../state/outbox.js';
import { me } from '../state/session.js';
import { loadLatest, loadOlder, thread } from '../state/threads.js';
import { pageVisible, viewing } from '../state/view.js';
import { Composer } from './Composer.js';
import { BackIcon } from './icons.js';
import { MessageList } from './MessageList.js';
import { EmptyState, ErrorNote, SkeletonList } from './ui.js';

/** One open chat: header with the way back, the messages, the composer. */
export function ChatView({ chatId }: { chatId: number }) {
  const person = me.value!;
  const chat = chats.value.get(chatId);
  const current = thread(chatId).value;
  const pending = outbox.value.filter((item) => item.chatId === chatId);
  const [atBottom, setAtBottom] = useState(true);
  const lastId = current.items.at(-1)?.id ?? 0;
  const visible = pageVisible.value;

  const announcement = useAnnouncement(current.items, person.id);
  const title = useRef<HTMLHeadingElement>(null);

  // On a phone the chat replaces the list: focus moves to its title instead of being lost.
  useEffect(() => {
    if (window.matchMedia('(max-width: 899px)').matches) title.current?.focus();
  }, []);

  useEffect(() => {
    viewing.value = { chatId, atBottom };
    return () => {
      viewing.value = null;
    };
  }, [chatId, atBottom]);

  // What is on screen is read: the newest message, once the reader is at the bottom of a visible page.
  useEffect(() => {
    if (atBottom && visible && lastId > 0) markRead(chatId, lastId);
  }, [chatId, atBottom, visible, lastId, chat?.unreadCount]);

  if (!chat) {
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

  return (
    <section class="chat" aria-labelledby={`chat-title-${chatId}`}>
      <header class="chat__header">
        <a
          class="icon-button chat__back"
          href="/"
          onClick={(event) => followLink(event, '/')}
          aria-label={t('chat.back')}
        >
          <BackIcon />
        </a>
        <div class="chat__heading">
          <h1 class="chat__title" id={`chat-title-${chatId}`} ref={title} tabIndex={-1}>
            {chat.title}
          </h1>
          <p class="chat__subtitle">{t('chat.members', { count: chat.memberCount })}</p>
        </div>
      </header>
      {current.status === 'loading' && current.items.length === 0 && stillPending.length === 0 ? (
        <div class="messages messages--loading">
          <SkeletonList rows={4} label={t('chat.loading')} />
        </div>
      ) : current.status === 'error' ? (
        <div class="messages messages--center">
          <ErrorNote error={current.error}>
            <button type="button" class="button" onClick={() => void loadLatest(chatId)}>
              {t('common.retry')}
            </button>
          </ErrorNote>
        </div>
      ) : current.items.length === 0 && stillPending.length === 0 ? (
        <div class="messages messages--center">
          <EmptyState title={t('chat.emptyTitle')} text={t('chat.emptyText')} />
        </div>
      ) : (
        <MessageList
          items={current.items}
          pending={stillPending}
          myId={person.id}
          timeZone={person.school.timeZone}
          hasMore={current.hasMore}
          loadingOlder={current.loadingOlder}
          onNearTop={() => void loadOlder(chatId)}
          onBottomChange={setAtBottom}
        />
      )}
      <p class="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      {chat.policies.post ? (
        <Composer key={chatId} chatId={chatId} />
      ) : (
        <p class="chat__readonly">{chat.archived ? t('chat.archived') : t('chat.readOnly')}</p>
      )}
    </section>
  );
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
      setText(t('chat.announce', { name: last.authorName, text: last.body }));
    }
    seen.current = Math.max(seen.current ?? 0, last.id);
  }, [last, myId]);
  return text;
}
