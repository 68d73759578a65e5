import { describe, expect, it } from 'vitest';
import { childName, schoolYear, suggestLogin, surnameWithInitials } from './names.js';

describe('names', () => {
  it('writes a teacher the way a school table does', () => {
    expect(surnameWithInitials('Галиева Алсу Ринатовна')).toBe('Галиева\u00a0А.\u00a0Р.');
    expect(surnameWithInitials('  Сафин Ильдар ')).toBe('Сафин\u00a0И.');
    expect(surnameWithInitials('Мадонна')).toBe('Мадонна');
  });

  it('names a school year by both calendar years', () => {
    expect(schoolYear(2026)).toBe('2026/27');
    expect(schoolYear(2099)).toBe('2099/00');
  });

  it('offers a Latin login from a Russian name', () => {
    expect(suggestLogin('Петрова Анна Сергеевна')).toBe('petrova.as');
    expect(suggestLogin('Щукин Юрий')).toBe('shchukin.y');
    expect(suggestLogin('Ёлкина-Хабибуллина Элина')).toBe('elkinakhabibullina.e');
    expect(suggestLogin('Ли')).toBe('');
    expect(suggestLogin('')).toBe('');
  });

  it('shows another family a child by first name and initial', () => {
    expect(childName('Петров Михаил Андреевич')).toBe('Михаил П.');
    expect(childName(' Ёлкина  Ева ')).toBe('Ева Ё.');
    expect(childName('Тимур')).toBe('Тимур');
  });
});
