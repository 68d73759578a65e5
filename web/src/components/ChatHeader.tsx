import type { TChat } from '@parta/protocol';
import type { Ref } from 'preact';
import { useState } from 'preact/hooks';
import { shortName } from '../format/names.js';
import { t } from '../i18n/index.js';
import { followLink } from '../router.js';
import { typing } from '../state/typing.js';
import { ChatCard } from './ChatCard.js';
import { chatTitle } from './ChatList.js';
import { BackIcon } from './icons.js';

/** «Мария Иванова печатает…», «… и Олег Петров печатают…», «… и ещё 2 печатают…». */
export function typingText(names: readonly string[]): string | null {
  const [first, second] = names.map(shortName);
  if (!first) return null;
  if (!second) return t('typing.one', { name: first });
  if (names.length === 2) return t('typing.two', { first, second });
  return t('typing.more', { name: first, others: names.length - 1 });
}

function subtitle(chat: TChat): string {
  if (chat.kind === 'direct') return t('chat.direct');
  const members = t('chat.members', { count: chat.memberCount });
  return chat.kind === 'announcement' ? t('chat.announcementMembers', { members }) : members;
}

/**
 * The way back, the chat's name, and either who is in it or who is typing
 * right now. A tap on the name (or the line under it) opens the chat's card.
 */
export function ChatHeader({ chat, titleRef }: { chat: TChat; titleRef: Ref<HTMLHeadingElement> }) {
  const [card, setCard] = useState(false);
  const typers = typing.value.get(chat.id);
  const typingNow = typingText([...(typers?.values() ?? [])]);
  return (
    <header class="chat__header">
      <a
        class="icon-button chat__back"
        href="/"
        onClick={(event) => followLink(event, '/')}
        aria-label={t('chat.back')}
      >
        <BackIcon />
      </a>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: the same card as the title's button, a larger target for a finger */}
      {/* biome-ignore lint/a11y/useKeyWithClickEvents: the keyboard has the title's button */}
      <div class="chat__heading" onClick={() => setCard(true)}>
        <h1 class="chat__title" id={`chat-title-${chat.id}`} ref={titleRef} tabIndex={-1}>
          <button
            type="button"
            class="chat__title-button"
            aria-haspopup="dialog"
            aria-description={t('chatCard.open')}
          >
            {chatTitle(chat)}
          </button>
        </h1>
        {typingNow ? (
          <p class="chat__subtitle chat__subtitle--typing" data-testid="typing">
            {typingNow}
          </p>
        ) : (
          <p class="chat__subtitle">{subtitle(chat)}</p>
        )}
      </div>
      {card && <ChatCard chat={chat} onClose={() => setCard(false)} />}
    </header>
  );
}
