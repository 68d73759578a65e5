import { useState } from 'preact/hooks';
import { dialogFrame } from '../components/ChatDialogs.js';
import { ChatList } from '../components/ChatList.js';
import { ChatView } from '../components/ChatView.js';
import { CreateChatDialog } from '../components/CreateChatDialog.js';
import { FirstSteps } from '../components/FirstSteps.js';
import { ComposeIcon, PlusIcon, SearchIcon } from '../components/icons.js';
import { Lazy } from '../components/Lazy.js';
import { loadExtras } from '../extras/load.js';
import { t } from '../i18n/index.js';
import { followLink } from '../router.js';
import { canCreateChats } from '../state/session.js';

/** The list of chats and the open one: side by side on a desktop, one at a time on a phone. */
export function ChatsScreen({ chatId }: { chatId: number | null }) {
  const [creating, setCreating] = useState<'group' | 'direct' | null>(null);
  const create = canCreateChats.value ? () => setCreating('group') : null;
  const close = () => setCreating(null);
  return (
    <main class={`chats${chatId === null ? '' : ' chats--open'}`}>
      <section class="pane pane--list" aria-labelledby="chats-title">
        <header class="pane__header">
          <h1 class="pane__title" id="chats-title">
            {t('chats.title')}
          </h1>
          <div class="pane__tools">
            <a
              class="icon-button"
              href="/search"
              onClick={(event) => followLink(event, '/search')}
              aria-label={t('search.open')}
              title={t('search.open')}
            >
              <SearchIcon />
            </a>
            <button
              type="button"
              class="icon-button"
              onClick={() => setCreating('direct')}
              aria-label={t('direct.open')}
              title={t('direct.open')}
            >
              <ComposeIcon />
            </button>
            {create && (
              <button type="button" class="button button--primary button--compact" onClick={create}>
                <PlusIcon width="20" height="20" />
                {t('chats.create')}
              </button>
            )}
          </div>
        </header>
        <div class="pane__scroll">
          <FirstSteps />
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
      {creating === 'group' && <CreateChatDialog onClose={close} />}
      {creating === 'direct' && (
        <Lazy
          load={loadExtras}
          frame={dialogFrame(t('direct.title'), close)}
          render={(m) => <m.DirectDialog onClose={close} />}
        />
      )}
    </main>
  );
}
