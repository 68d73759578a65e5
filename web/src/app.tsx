import { useEffect } from 'preact/hooks';
import { ConnectionBar } from './components/ConnectionBar.js';
import { Nav } from './components/Nav.js';
import { EmptyState } from './components/ui.js';
import { language, t } from './i18n/index.js';
import { followLink, navigate, path, type Route, route } from './router.js';
import { ChatsScreen } from './screens/ChatsScreen.js';
import { LoginScreen } from './screens/LoginScreen.js';
import { PeopleScreen } from './screens/PeopleScreen.js';
import { ProfileScreen } from './screens/ProfileScreen.js';
import { ResetScreen } from './screens/ResetScreen.js';
import { SetupScreen } from './screens/SetupScreen.js';
import { chatList } from './state/chats.js';
import { isAdmin, phase, start } from './state/session.js';

/** Where to go after logging in: the page the reader opened while logged out. */
let afterLogin = '/';

export function App() {
  const current = route.value;
  const state = phase.value;

  const unread = chatList.value.reduce((sum, chat) => sum + chat.unreadCount, 0);
  useEffect(() => {
    document.title = unread > 0 ? t('app.titleUnread', { count: unread }) : t('app.title');
  }, [unread, language.value]);

  useEffect(() => {
    if (state === 'setup' && current.name !== 'setup' && current.name !== 'reset')
      navigate('/setup', { replace: true });
    if (state === 'signed-out' && current.name !== 'login' && current.name !== 'reset') {
      afterLogin = path.value;
      navigate('/login', { replace: true });
    }
    if (state === 'signed-in' && (current.name === 'login' || current.name === 'setup')) {
      navigate(afterLogin, { replace: true });
      afterLogin = '/';
    }
  }, [state, current.name]);

  if (current.name === 'reset') return <ResetScreen token={current.token} />;
  if (state === 'starting') return <div class="splash" role="status" aria-label={t('common.loading')} />;
  if (state === 'unreachable') {
    return (
      <main class="center-page">
        <EmptyState title={t('start.unreachableTitle')} text={t('start.unreachableText')}>
          <button type="button" class="button button--primary" onClick={() => void start()}>
            {t('common.retry')}
          </button>
        </EmptyState>
      </main>
    );
  }
  if (state === 'setup') return <SetupScreen />;
  if (state === 'signed-out') return <LoginScreen />;
  return <Shell route={current} />;
}

function Shell({ route: current }: { route: Route }) {
  const chatOpen = current.name === 'chat';
  return (
    <div class={`shell${chatOpen ? ' shell--chat-open' : ''}`}>
      <Nav route={current} />
      <div class="shell__main">
        <ConnectionBar />
        <Screen route={current} />
      </div>
    </div>
  );
}

function Screen({ route: current }: { route: Route }) {
  switch (current.name) {
    case 'chats':
      return <ChatsScreen chatId={null} />;
    case 'chat':
      return <ChatsScreen chatId={current.chatId} />;
    case 'people':
      if (isAdmin.value) return <PeopleScreen />;
      break;
    case 'profile':
      return <ProfileScreen />;
  }
  return (
    <main class="page">
      <EmptyState title={t('missing.title')} text={t('missing.text')}>
        <a class="button button--primary" href="/" onClick={(event) => followLink(event, '/')}>
          {t('missing.toChats')}
        </a>
      </EmptyState>
    </main>
  );
}
