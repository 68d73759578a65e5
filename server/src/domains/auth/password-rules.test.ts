import { describe, expect, it } from 'vitest';
import { AppError } from '../../infra/errors.js';
import { checkNewPassword, isCommonPassword } from './password-rules.js';

function refusal(password: string, roles: string[]) {
  try {
    checkNewPassword(password, roles);
    return null;
  } catch (error) {
    return error instanceof AppError ? { code: error.code, params: error.params } : error;
  }
}

describe('new passwords', () => {
  it('need 12 characters for staff and admins, 8 for families', () => {
    expect(refusal('sova-v-lesu', ['teacher'])).toEqual({
      code: 'auth.password_too_short',
      params: { min: 12 },
    });
    expect(refusal('sova-v-lesu', ['admin', 'parent'])).toMatchObject({ params: { min: 12 } });
    expect(refusal('sova-v-lesu', ['parent'])).toBeNull();
    expect(refusal('сова-в-лесу', ['student'])).toBeNull();
    expect(refusal('sova-v', ['parent'])).toEqual({ code: 'auth.password_too_short', params: { min: 8 } });
    expect(refusal('сова-в-лесу-ночью', ['staff'])).toBeNull();
  });

  it('may not be one of the most common, in either keyboard layout or with digits around', () => {
    for (const common of [
      '12345678',
      'qwerty123',
      'QWERTY123',
      'йцукен123',
      'йцукенгш',
      'пароль123',
      'gfhjkm123',
      'Natasha1985!',
      '123qwerty',
      '1q2w3e4r5t',
      'aaaaaaaa',
      '12121212',
      'abcdefgh',
      '87654321',
      'password-1',
      'Spartak2024',
    ]) {
      expect(isCommonPassword(common), common).toBe(true);
    }
    for (const fine of ['sova-v-lesu', 'зелёный-трамвай', 'kazan-na-volge-7', 'teacher-password-2']) {
      expect(isCommonPassword(fine), fine).toBe(false);
    }
    expect(refusal('qwerty123', ['parent'])).toEqual({ code: 'auth.password_common', params: {} });
  });
});
