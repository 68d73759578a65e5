import { language, t } from '../i18n/index.js';

/**
 * A person's roles as one phrase: «Учитель, классный руководитель». Only the
 * first is capitalised — after a comma a Russian sentence goes on in lower case.
 */
export function rolesPhrase(roles: readonly string[]): string {
  return roles
    .map((role, index) => {
      const name = t(`roles.${role}`);
      return index === 0 ? name : name.toLocaleLowerCase(language.value);
    })
    .join(', ');
}
