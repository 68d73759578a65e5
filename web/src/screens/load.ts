/** The admin screens: fetched the first time someone opens «Школа», never by a parent's phone. */
export const loadSchool = () => import('./school/index.js').then((m) => m.translated.then(() => m));

/** The join page, the school's public page and the applicant's status: what a newcomer's phone loads. */
export const loadJoin = () => import('./join/index.js').then((m) => m.translated.then(() => m));
