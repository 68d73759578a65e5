import { passwordMinLength, setupRoles, ZCreatePersonRequest, ZLogin } from '@parta/protocol';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/http.js';
import { initI18n } from '../i18n/index.js';
import {
  checkInput,
  lengthsOf,
  loginRules,
  nameRules,
  passwordHint,
  passwordRules,
  redeemInviteFor,
  refusedFields,
} from './rules.js';

describe('field rules come from the protocol', () => {
  it('reads the lengths off the schemas the server checks', () => {
    expect(loginRules).toMatchObject({ minLength: 3, maxLength: 64 });
    expect(nameRules).toEqual({ minLength: 1, maxLength: 200 });
    expect(lengthsOf(ZLogin).maxLength).toBeGreaterThan(0);
  });

  it('asks staff for longer passwords than families, and the first admin for a staff one', () => {
    expect(passwordRules(setupRoles).minLength).toBe(passwordMinLength(setupRoles));
    expect(passwordRules(['parent']).minLength).toBeLessThan(passwordRules(['teacher']).minLength!);
    expect(passwordRules(null).minLength).toBe(passwordMinLength([]));
  });

  it('says the rule with the protocol numbers, both of them where the roles are not known', () => {
    initI18n();
    expect(passwordHint(['teacher'])).toMatch(/^Не короче 12 знаков\./);
    expect(passwordHint(['parent'])).toMatch(/^Не короче 8 знаков\./);
    expect(passwordHint(null)).toMatch(/^Не короче 8 знаков, для сотрудников школы — не короче 12\./);
  });

  it('lets the browser refuse what the login schema refuses', () => {
    const pattern = new RegExp(`^(?:${loginRules.pattern})$`, 'v');
    for (const login of ['ivanova.m', 'a_b-c', 'тест', 'a b', 'x@y']) {
      expect(pattern.test(login)).toBe(ZLogin.safeParse(login).success);
    }
  });
});

describe('checkInput', () => {
  initI18n();
  const valid = { fullName: 'Иванова Мария', login: 'ivanova', roles: ['teacher'] };

  it('lets through what the schema takes', () => {
    expect(refusedFields(ZCreatePersonRequest, valid)).toEqual([]);
    expect(() => checkInput(ZCreatePersonRequest, valid, {})).not.toThrow();
  });

  it('refuses before sending what the server would, naming the fields as the server does', () => {
    const body = { ...valid, fullName: 'Мария\u200b', login: 'мария', phone: 'call me' };
    expect(refusedFields(ZCreatePersonRequest, body).map((field) => field.path)).toEqual([
      'fullName',
      'login',
      'phone',
    ]);
    let thrown: unknown = null;
    try {
      checkInput(ZCreatePersonRequest, body, { fullName: 'ФИО', login: 'Логин', phone: 'Телефон' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ApiError);
    expect((thrown as ApiError).code).toBe('validation.failed');
    expect((thrown as ApiError).fields.map((field) => field.path)).toEqual(['fullName', 'login', 'phone']);
    expect((thrown as ApiError).message).toContain('ФИО, логин, телефон');
  });

  it('holds someone joining as staff to the staff password, a family to theirs', () => {
    const register = { fullName: 'Сафина Алсу Маратовна', login: 'safina.alsu', password: 'пароль-1234' };
    const body = { acceptRules: true as const, register };
    expect(refusedFields(redeemInviteFor(['parent']), body)).toEqual([]);
    expect(refusedFields(redeemInviteFor(['teacher']), body).map((field) => field.path)).toEqual([
      'register.password',
    ]);
    expect(
      refusedFields(redeemInviteFor(['teacher']), { acceptRules: true, password: 'пароль-1234' }),
    ).toHaveLength(1);
  });
});
