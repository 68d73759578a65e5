import type { TChat } from '@parta/protocol';
import { shortName } from '../format/names.js';
import { messagePreview } from '../format/preview.js';
import { listTime } from '../format/time.js';
import { t } from '../i18n/index.js';
import { followLink } from '../router.js';
import { chatList, chatsError, chatsStatus, loadChats } from '../state/chats.js';
import { me } from '../state/session.js';
import { EmptyState, RetryNote, SkeletonList } from './ui.js';

/** The person's chats, most recent first, with unread counts and the last message. */
export function ChatList({ activeId, onCreate }: { activeId: number | null; onCreate: (() => void) | null }) {
  const status = chatsStatus.value;
  const list = chatList.value;
  if (status === 'loading') return <SkeletonList label={t('chats.loading')} />;
  if (status === 'error') {
    return (
      <div class="pane__pad">
        <RetryNote error={chatsError.value} retry={() => void loadChats().catch(() => {})} />
      </div>
    );
  }
  if (list.length === 0) {
    return (
      <EmptyState
        title={t('chats.emptyTitle')}
        text={onCreate ? t('chats.emptyAdmin') : t('chats.emptyMember')}
      >
        {onCreate && (
          <button type="button" class="button button--primary" onClick={onCreate}>
            {t('chats.create')}
          </button>
        )}
      </EmptyState>
    );
  }
  return (
    <ul class="chat-list" aria-label={t('chats.listLabel')}>
      {list.map((chat) => (
        <ChatRow key={chat.id} chat={chat} active={chat.id === activeId} />
      ))}
    </ul>
  );
}

function ChatRow({ chat, active }: { chat: TChat; active: boolean }) {
  const person = me.value!;
  const href = `/chats/${chat.id}`;
  const last = chat.lastMessage;
  const author = last ? (last.authorId === person.id ? t('chats.you') : shortName(last.authorName)) : null;
  return (
    <li>
      <a
        class={`chat-row${chat.unreadCount > 0 ? ' chat-row--unread' : ''}`}
        href={href}
        aria-current={active ? 'page' : undefined}
        onClick={(event) => followLink(event, href)}
        data-testid="chat-row"
      >
        <span class="chat-row__avatar" aria-hidden="true">
          {initials(chatTitle(chat))}
        </span>
        <span class="chat-row__body">
          <span class="chat-row__top">
            <span class="chat-row__title">
              {chatTitle(chat)}
              {chat.archived && <span class="tag">{t('chats.archived')}</span>}
            </span>
            <span class="chat-row__time">{last ? listTime(last.createdAt, person.school.timeZone) : ''}</span>
          </span>
          <span class="chat-row__bottom">
            <span class="chat-row__preview">
              {last ? (
                <>
                  <span class="chat-row__author">{author}: </span>
                  {last.deletedAt ? <em>{t('message.deleted')}</em> : messagePreview(last)}
                </>
              ) : (
                t('chats.noMessages')
              )}
            </span>
            {chat.unreadMentions > 0 && (
              <span class="badge badge--mention" data-testid="mention-badge">
                <span aria-hidden="true">@</span>
                <span class="visually-hidden">{t('chats.mentioned')}</span>
              </span>
            )}
            {chat.unreadCount > 0 && (
              <span class={chat.muted ? 'badge badge--muted' : 'badge'} data-testid="unread-badge">
                <span aria-hidden="true">{chat.unreadCount > 99 ? '99+' : chat.unreadCount}</span>
                <span class="visually-hidden">
                  {t('chats.unread', { count: chat.unreadCount })}
                  {chat.muted && `, ${t('chats.muted')}`}
                </span>
              </span>
            )}
          </span>
        </span>
      </a>
    </li>
  );
}

/** A direct chat is called by the other person's name. */
export function chatTitle(chat: TChat): string {
  return chat.peer?.fullName ?? chat.title;
}

/** «5А — родители» → «5А»; «Методобъединение учителей» → «МУ». */
function initials(title: string): string {
  const words = title.match(/[\p{L}\p{N}]+/gu) ?? [];
  const first = words[0] ?? '';
  if (/^\d{1,2}\p{L}?$/u.test(first)) return first.toUpperCase();
  return words
    .slice(0, 2)
    .map((word) => word[0]!.toUpperCase())
    .join('');
}
