import { useEffect } from 'preact/hooks';
import { Lazy } from './components/Lazy.js';
import { EmptyState } from './components/ui.js';
import { language, t } from './i18n/index.js';
import { navigate, path, type Route, route } from './router.js';
import { LoginScreen } from './screens/LoginScreen.js';
import { loadJoin } from './screens/load.js';
import { ResetScreen } from './screens/ResetScreen.js';
import { SetupScreen } from './screens/SetupScreen.js';
import { canSeeSchool, leadsClassOnly, phase, rememberReturn, start, takeReturn } from './state/session.js';

/** Everything behind the login: fetched once someone is signed in, never by the login or the join page. */
const loadSignedIn = () => import('./screens/SignedIn.js');

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

  const signedIn = state === 'signed-in';
  useEffect(() => {
    // Signed in, the title also counts the unread messages (SignedIn.tsx).
    if (!signedIn) document.title = t('app.title');
  }, [signedIn, language.value]);

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
  if (state === 'starting') return <Starting />;
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
  return <Lazy load={loadSignedIn} render={(m) => <m.SignedIn route={current} />} />;
}

/** The page of index.html before the scripts arrived, kept while the app asks the server who is here. */
function Starting() {
  return (
    <div class="boot" role="status">
      <p class="boot__name">Parta</p>
      <p class="boot__line">{t('start.loading')}</p>
    </div>
  );
}
