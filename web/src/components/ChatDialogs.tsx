import { plainText, type TChat, type TMessage } from '@parta/protocol';
import type { VNode } from 'preact';
import { loadExtras } from '../extras/load.js';
import { t } from '../i18n/index.js';
import { deleteMessage, setComposeMode, setPinned, toggleReaction } from '../state/compose.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { Dialog } from './Dialog.js';
import { Lazy } from './Lazy.js';
import { type MessageAction, MessageMenu } from './MessageMenu.js';
import { ReadsDialog } from './ReadsDialog.js';

export type OpenDialog = { kind: 'menu' | 'delete' | 'reads' | 'forward' | 'history'; message: TMessage };

/** A lazily loaded dialog's skeleton (or error) already in its dialog. */
export function dialogFrame(title: string, onClose: () => void) {
  return (content: VNode) => (
    <Dialog title={title} onClose={onClose}>
      <div class="dialog__body">{content}</div>
    </Dialog>
  );
}

/** The dialog a message's menu opened, kept to the message as it is now. */
export function ChatDialogs({
  open,
  chat,
  items,
  myId,
  setOpen,
  notify,
}: {
  open: OpenDialog | null;
  chat: TChat;
  items: readonly TMessage[];
  myId: number;
  setOpen: (next: OpenDialog | null) => void;
  /** a short note at the bottom of the chat: done, or what went wrong */
  notify: (text: string) => void;
}) {
  if (!open) return null;
  const message = items.find((item) => item.id === open.message.id) ?? open.message;
  const close = () => setOpen(null);
  const failed = (error: Error) => notify(error.message);

  function pick(action: MessageAction) {
    close();
    switch (action) {
      case 'reply':
      case 'edit':
        setComposeMode(chat.id, { kind: action, message });
        break;
      case 'pin':
      case 'unpin':
        setPinned(message, action === 'pin').then(
          () => notify(action === 'pin' ? t('message.pinnedDone') : t('message.unpinnedDone')),
          failed,
        );
        break;
      case 'copy':
        navigator.clipboard.writeText(plainText(message.body)).then(
          () => notify(t('message.copied')),
          () => notify(t('message.copyFailed')),
        );
        break;
      case 'forward':
      case 'history':
      case 'delete':
        setOpen({ kind: action, message });
        break;
    }
  }

  switch (open.kind) {
    case 'menu':
      return (
        <MessageMenu
          message={message}
          chat={chat}
          myId={myId}
          onClose={close}
          onPick={pick}
          onReact={(emoji) => {
            close();
            toggleReaction(message, emoji, myId).catch(failed);
          }}
        />
      );
    case 'reads':
      return <ReadsDialog message={message} onClose={close} />;
    case 'delete':
      return (
        <ConfirmDialog
          title={t('message.deleteTitle')}
          text={message.authorId === myId ? t('message.deleteOwn') : t('message.deleteOther')}
          confirmLabel={t('message.delete')}
          danger
          act={() => deleteMessage(message)}
          onDone={() => notify(t('message.deletedDone'))}
          onClose={close}
        />
      );
    case 'forward':
      return (
        <Lazy
          load={loadExtras}
          frame={dialogFrame(t('forward.title'), close)}
          render={(m) => <m.ForwardDialog message={message} onClose={close} />}
        />
      );
    case 'history':
      return (
        <Lazy
          load={loadExtras}
          frame={dialogFrame(t('history.title'), close)}
          render={(m) => <m.HistoryDialog message={message} onClose={close} />}
        />
      );
  }
}
