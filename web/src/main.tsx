import { render } from 'preact';
import { configureHttp } from './api/http.js';
import { App } from './app.js';
import { initI18n } from './i18n/index.js';
import { route } from './router.js';
import { loadJoin } from './screens/load.js';
import { sessionEnded, start } from './state/session.js';
import './styles/index.css';

configureHttp({ onSessionLost: sessionEnded });
// Russian at once; another language once its words have arrived. Until then index.html's page stays.
const translated = initI18n();
void start();
// An invite link: its page's chunk comes while the app asks who is here, not after.
if (route.peek().name === 'join') void loadJoin();
void translated.then(() => {
  const root = document.getElementById('app')!;
  root.textContent = '';
  render(<App />, root);
});
