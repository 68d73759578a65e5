import { describe, expect, it } from 'vitest';
import { initI18n } from '../i18n/index.js';
import { rolesPhrase } from './roles.js';

describe('a person’s roles as one phrase', () => {
  it('capitalises only the first role', () => {
    initI18n();
    expect(rolesPhrase(['teacher', 'class_teacher'])).toBe('Учитель, классный руководитель');
    expect(rolesPhrase(['parent'])).toBe('Родитель');
    expect(rolesPhrase([])).toBe('');
  });
});
