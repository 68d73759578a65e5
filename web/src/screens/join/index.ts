/**
 * What a newcomer's phone loads: the invite page (`/join/…`), the page for a
 * slip's code (`/join`), the school's
 * public page (`/school`) and the status of their request. Fetched on first
 * use (see app.tsx), so the chats of everyone else do not carry it.
 */
import { addTranslations } from '../../i18n/index.js';
import ru from '../../i18n/join/ru.json';

/** Resolves when the part's words are there in the language on screen (see app.tsx). */
export const translated = addTranslations({ ru, en: () => import('../../i18n/join/en.json') });

export { JoinScreen } from './JoinScreen.js';
export { MyJoinsScreen } from './MyJoinsScreen.js';
export { SchoolJoinScreen } from './SchoolJoinScreen.js';
export { SlipCodeScreen } from './SlipCodeScreen.js';
