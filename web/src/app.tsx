import { useEffect } from 'preact/hooks';
import { ConnectionBar } from './components/ConnectionBar.js';
import { Lazy } from './components/Lazy.js';
import { Nav } from './components/Nav.js';
import { EmptyState } from './components/ui.js';
import { loadExtras } from './extras/load.js';
import { language, t } from './i18n/index.js';
import { followLink, navigate, path, type Route, route } from './router.js';
import { ChatsScreen } from './screens/ChatsScreen.js';
import { LoginScreen } from './screens/LoginScreen.js';
import { ProfileScreen } from './screens/ProfileScreen.js';
import { ResetScreen } from './screens/ResetScreen.js';
import { SetupScreen } from './screens/SetupScreen.js';
import { chatList } from './state/chats.js';
import {
  canInvite,
  canManageSchool,
  canOpenClasses,
  canSeePeople,
  canSeeSchool,
  isApplicant,
  isReviewer,
  leadsClassOnly,
  phase,
  rememberReturn,
  start,
  takeReturn,
} from './state/session.js';

/** The admin screens: fetched the first time someone opens «Школа», never by a parent's phone. */
const loadSchool = () => import('./screens/school/index.js');
/** The join page, the school's public page and the applicant's status: what a newcomer's phone loads. */
const loadJoin = () => import('./screens/join/index.js');

/**
 * Pages that open without logging in: the invite (`/join/…`, `/j/<code>`),
 * the page where a slip's code is typed (`/join`) and, for
 * whoever has no «Школа» of their own, the school's public page (`/school`).
 */
function isPublic(current: Route, signedIn: boolean): boolean {
  if (current.name === 'join' || current.name === 'slipCode') return true;
  if (current.name !== 'school' || current.tab !== 'classes') return false;
  return !signedIn || !(canSeeSchool.value || leadsClassOnly.value);
}

export function App() {
  const current = route.value;
  const state = phase.value;

  const unread = chatList.value.reduce((sum, chat) => sum + chat.unreadCount, 0);
  useEffect(() => {
    document.title = unread > 0 ? t('app.titleUnread', { count: unread }) : t('app.title');
  }, [unread, language.value]);

  const open = isPublic(current, state === 'signed-in');
  useEffect(() => {
    if (state === 'setup' && current.name !== 'setup' && current.name !== 'reset')
      navigate('/setup', { replace: true });
    if (state === 'signed-out' && current.name !== 'login' && current.name !== 'reset' && !open) {
      rememberReturn(path.value);
      navigate('/login', { replace: true });
    }
    if (state === 'signed-in' && (current.name === 'login' || current.name === 'setup')) {
      navigate(takeReturn(), { replace: true });
    }
  }, [state, current.name, open]);

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
  if (open && current.name === 'join') {
    return (
      <Lazy load={loadJoin} render={(m) => <m.JoinScreen key={current.token} token={current.token} />} />
    );
  }
  if (open && current.name === 'slipCode')
    return <Lazy load={loadJoin} render={(m) => <m.SlipCodeScreen />} />;
  if (open) return <Lazy load={loadJoin} render={(m) => <m.SchoolJoinScreen />} />;
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
  // Each admin screen starts at its top: a fresh element per address, not a reused, scrolled one.
  const at = path.value;
  switch (current.name) {
    case 'chats':
      // Someone who asked to join and has no chats yet sees how their request is doing.
      if (isApplicant.value && chatList.value.length === 0) {
        return <Lazy load={loadJoin} render={(m) => <m.MyJoinsScreen />} />;
      }
      return <ChatsScreen chatId={null} />;
    case 'chat':
      return <ChatsScreen chatId={current.chatId} />;
    case 'school':
      if (canSeeSchool.value || leadsClassOnly.value) {
        return <Lazy key={at} load={loadSchool} render={(m) => <m.SchoolScreen tab={current.tab} />} />;
      }
      break;
    case 'rollover':
      if (canManageSchool.value)
        return <Lazy key={at} load={loadSchool} render={(m) => <m.RolloverScreen />} />;
      break;
    case 'invitePrint':
      if (canInvite.value) return <Lazy key={at} load={loadSchool} render={(m) => <m.PrintSlipsScreen />} />;
      break;
    case 'joins':
      if (isReviewer.value) return <Lazy key={at} load={loadSchool} render={(m) => <m.JoinsScreen />} />;
      break;
    case 'myJoins':
      return <Lazy key={at} load={loadJoin} render={(m) => <m.MyJoinsScreen />} />;
    case 'class':
      if (canOpenClasses.value) {
        return (
          <Lazy
            load={loadSchool}
            render={(m) => <m.ClassScreen key={current.classId} classId={current.classId} />}
          />
        );
      }
      break;
    case 'person':
      if (canSeePeople.value) {
        return (
          <Lazy key={at} load={loadSchool} render={(m) => <m.PersonScreen personId={current.personId} />} />
        );
      }
      break;
    case 'profile':
      return <ProfileScreen />;
    case 'search':
      return <Lazy load={loadExtras} render={(m) => <m.SearchScreen />} />;
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
