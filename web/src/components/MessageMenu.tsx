import { type ReactionEmoji, reactionEmojis, type TChat, type TMessage } from '@parta/protocol';
import type { JSX } from 'preact';
import { messagePreview } from '../format/preview.js';
import { t } from '../i18n/index.js';
import { mayDelete, messagePolicies } from '../state/compose.js';
import { Dialog } from './Dialog.js';
import { CopyIcon, EditIcon, ForwardIcon, HistoryIcon, PinIcon, ReplyIcon, TrashIcon } from './icons.js';

/** How each reaction is read out, for a screen reader. */
export const reactionNames: Record<ReactionEmoji, string> = {
  '👍': 'like',
  '❤️': 'love',
  '😂': 'funny',
  '😮': 'wow',
  '😢': 'sad',
  '🙏': 'thanks',
};

export type MessageAction = 'reply' | 'edit' | 'pin' | 'unpin' | 'forward' | 'copy' | 'history' | 'delete';

interface Item {
  action: MessageAction;
  label: string;
  icon: (props: JSX.SVGAttributes<SVGSVGElement>) => JSX.Element;
  danger?: boolean;
}

/** What this person may do with this message, in the order a menu lists it. */
export function messageActions(message: TMessage, chat: TChat): Item[] {
  const items: Item[] = [];
  const may = messagePolicies(message, chat);
  if (may.reply) items.push({ action: 'reply', label: t('message.reply'), icon: ReplyIcon });
  if (may.edit) items.push({ action: 'edit', label: t('message.edit'), icon: EditIcon });
  if (may.pin) {
    items.push(
      message.pinnedAt
        ? { action: 'unpin', label: t('message.unpin'), icon: PinIcon }
        : { action: 'pin', label: t('message.pin'), icon: PinIcon },
    );
  }
  if (!message.deletedAt) {
    items.push({ action: 'forward', label: t('message.forward'), icon: ForwardIcon });
    items.push({ action: 'copy', label: t('message.copy'), icon: CopyIcon });
  }
  if (chat.policies.moderate && (message.editedAt || message.deletedAt)) {
    items.push({ action: 'history', label: t('message.history'), icon: HistoryIcon });
  }
  if (mayDelete(message, chat)) {
    items.push({ action: 'delete', label: t('message.delete'), icon: TrashIcon, danger: true });
  }
  return items;
}

/** A message's reactions and actions: a sheet from the bottom on a phone, a small dialog on a desktop. */
export function MessageMenu({
  message,
  chat,
  myId,
  onReact,
  onPick,
  onClose,
}: {
  message: TMessage;
  chat: TChat;
  myId: number;
  onReact: (emoji: ReactionEmoji) => void;
  onPick: (action: MessageAction) => void;
  onClose: () => void;
}) {
  const canReact = messagePolicies(message, chat).react;
  return (
    <Dialog title={t('message.menuTitle')} onClose={onClose} variant="sheet">
      <div class="dialog__body message-menu">
        <p class="message-menu__preview">
          {message.deletedAt ? t('message.deleted') : messagePreview(message)}
        </p>
        {canReact && (
          <fieldset class="reaction-bar">
            <legend class="visually-hidden">{t('message.react')}</legend>
            {reactionEmojis.map((emoji) => {
              const mine = message.reactions.some((r) => r.emoji === emoji && r.userIds.includes(myId));
              return (
                <button
                  key={emoji}
                  type="button"
                  class={`reaction-bar__emoji${mine ? ' reaction-bar__emoji--mine' : ''}`}
                  aria-pressed={mine}
                  aria-label={t(`reactions.${reactionNames[emoji]}`)}
                  onClick={() => onReact(emoji)}
                >
                  {emoji}
                </button>
              );
            })}
          </fieldset>
        )}
        <ul class="menu-list">
          {messageActions(message, chat).map(({ action, label, icon: ItemIcon, danger }) => (
            <li key={action}>
              <button
                type="button"
                class={`menu-list__item${danger ? ' menu-list__item--danger' : ''}`}
                onClick={() => onPick(action)}
              >
                <ItemIcon width="22" height="22" />
                {label}
              </button>
            </li>
          ))}
        </ul>
      </div>
    </Dialog>
  );
}
