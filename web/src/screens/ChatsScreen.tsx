import { useState } from 'preact/hooks';
import { ChatList } from '../components/ChatList.js';
import { ChatView } from '../components/ChatView.js';
import { CreateChatDialog } from '../components/CreateChatDialog.js';
import { PlusIcon } from '../components/icons.js';
import { t } from '../i18n/index.js';
import { canCreateChats } from '../state/session.js';

/** The list of chats and the open one: side by side on a desktop, one at a time on a phone. */
export function ChatsScreen({ chatId }: { chatId: number | null }) {
  const [creating, setCreating] = useState(false);
  const create = canCreateChats.value ? () => setCreating(true) : null;
  return (
    <div class={`chats${chatId === null ? '' : ' chats--open'}`}>
      <section class="pane pane--list" aria-labelledby="chats-title">
        <header class="pane__header">
          <h1 class="pane__title" id="chats-title">
            {t('chats.title')}
          </h1>
          {create && (
            <button type="button" class="button button--primary button--compact" onClick={create}>
              <PlusIcon width="20" height="20" />
              {t('chats.create')}
            </button>
          )}
        </header>
        <div class="pane__scroll">
          <ChatList activeId={chatId} onCreate={create} />
        </div>
      </section>
      <div class="pane pane--chat">
        {chatId === null ? (
          <div class="placeholder">
            <p>{t('chats.pick')}</p>
          </div>
        ) : (
          <ChatView key={chatId} chatId={chatId} />
        )}
      </div>
      {creating && <CreateChatDialog onClose={() => setCreating(false)} />}
    </div>
  );
}
