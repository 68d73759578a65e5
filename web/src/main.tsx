import { render } from 'preact';
import { configureHttp } from './api/http.js';
import { App } from './app.js';
import { initI18n } from './i18n/index.js';
import { sessionEnded, start } from './state/session.js';
import './styles/index.css';

initI18n();
configureHttp({ onSessionLost: sessionEnded });
render(<App />, document.getElementById('app')!);
void start();
