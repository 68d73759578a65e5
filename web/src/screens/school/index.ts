/**
 * The admin screens, loaded on first use with `import()` (see app.tsx): their
 * code, words and styles stay out of the first load of every parent's phone.
 */
import '../../styles/school-grid.css';
import '../../styles/school-class.css';
import '../../styles/school-person.css';
import '../../styles/school-invites.css';
import '../../styles/school-hours.css';
import { addTranslations } from '../../i18n/index.js';
import invitesRu from '../../i18n/invites/ru.json';
import ru from '../../i18n/school/ru.json';

/** Resolves when the part's words are there in the language on screen (see app.tsx). */
export const translated = Promise.all([
  addTranslations({ ru, en: () => import('../../i18n/school/en.json') }),
  addTranslations({ ru: invitesRu, en: () => import('../../i18n/invites/en.json') }),
]);

export { ClassScreen } from './ClassScreen.js';
export { JoinsScreen } from './JoinsScreen.js';
export { PersonScreen } from './PersonScreen.js';
export { PrintSlipsScreen } from './PrintSlipsScreen.js';
export { RolloverScreen } from './RolloverScreen.js';
export { SchoolScreen } from './SchoolScreen.js';
