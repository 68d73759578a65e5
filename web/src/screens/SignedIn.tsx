import { useEffect } from 'preact/hooks';
import { ConnectionBar } from '../components/ConnectionBar.js';
import { Lazy } from '../components/Lazy.js';
import { Nav } from '../components/Nav.js';
import { EmptyState } from '../components/ui.js';
import { loadExtras } from '../extras/load.js';
import { language, t } from '../i18n/index.js';
import { followLink, path, type Route } from '../router.js';
import { chatList } from '../state/chats.js';
import {
  canInvite,
  canManageSchool,
  canOpenClasses,
  canSeePeople,
  canSeeSchool,
  isApplicant,
  isReviewer,
  leadsClassOnly,
} from '../state/session.js';
import { ChatsScreen } from './ChatsScreen.js';
import { loadJoin, loadSchool } from './load.js';
import { ProfileScreen } from './ProfileScreen.js';

/**
 * The app of someone signed in: the places on the side (or below), the
 * screen of the address. A chunk of its own (app.tsx), so the login form and
 * the join page come without the chats.
 */
export function SignedIn({ route: current }: { route: Route }) {
  const unread = chatList.value.reduce((sum, chat) => sum + chat.unreadCount, 0);
  useEffect(() => {
    document.title = unread > 0 ? t('app.titleUnread', { count: unread }) : t('app.title');
  }, [unread, language.value]);
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
