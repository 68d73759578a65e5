import { render } from 'preact';
import { configureHttp } from './api/http.js';
import { App } from './app.js';
import { initI18n } from './i18n/index.js';
import { sessionEnded, start } from './state/session.js';
import './styles/index.css';

configureHttp({ onSessionLost: sessionEnded });
// Russian at once; another language once its words have arrived. Until then index.html's page stays.
const translated = initI18n();
void start();
void translated.then(() => {
  const root = document.getElementById('app')!;
  root.textContent = '';
  render(<App />, root);
});
