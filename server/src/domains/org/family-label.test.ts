import { describe, expect, it } from 'vitest';
import { familyLabel, genderOf, genitive } from './family-label.js';

describe('who a parent is, through their children', () => {
  it('reads the gender from the patronymic, Russian and Tatar, and says nothing without one', () => {
    expect(genderOf('Иванова Мария Петровна')).toBe('female');
    expect(genderOf('Гарипова Алсу Ильдаровна')).toBe('female');
    expect(genderOf('Садыкова Гульнара Рашит кызы')).toBe('female');
    expect(genderOf('Ахметов Артём Андреевич')).toBe('male');
    expect(genderOf('Ульянов Владимир Ильич')).toBe('male');
    expect(genderOf('Сафин Марат Ринат улы')).toBe('male');
    expect(genderOf('Петрова Анна')).toBeNull();
  });

  it('puts a given name in the genitive, leaving the undeclined ones alone', () => {
    expect(genitive('Миша', 'male')).toBe('Миши');
    expect(genitive('Ольга', 'female')).toBe('Ольги');
    expect(genitive('Анна', 'female')).toBe('Анны');
    expect(genitive('Оля', 'female')).toBe('Оли');
    expect(genitive('Мария', 'female')).toBe('Марии');
    expect(genitive('Андрей', 'male')).toBe('Андрея');
    expect(genitive('Игорь', 'male')).toBe('Игоря');
    expect(genitive('Артём', 'male')).toBe('Артёма');
    expect(genitive('Тимур', null)).toBe('Тимура');
    expect(genitive('Айгуль', 'female')).toBe('Айгуль');
    expect(genitive('Айгуль', null)).toBe('Айгуль');
    expect(genitive('Алсу', 'female')).toBe('Алсу');
  });

  it('names the children with their classes, briefly', () => {
    const misha = { fullName: 'Васильев Миша Олегович', className: '1А' };
    const olya = { fullName: 'Васильева Оля Олеговна', className: '4Б' };
    expect(familyLabel('Васильева Ирина Петровна', [misha], 'ru')).toBe('мама Миши В., 1А');
    expect(familyLabel('Васильев Олег Иванович', [misha], 'ru')).toBe('папа Миши В., 1А');
    expect(familyLabel('Васильева Ирина', [misha], 'ru')).toBe('родитель Миши В., 1А');
    expect(familyLabel('Васильева Ирина Петровна', [misha, olya], 'ru')).toBe(
      'мама Миши В. (1А) и Оли В. (4Б)',
    );
    expect(familyLabel('Васильева Ирина Петровна', [misha, { ...olya, className: '1А' }], 'ru')).toBe(
      'мама Миши В. и Оли В., 1А',
    );
    const four = [
      misha,
      olya,
      { ...olya, fullName: 'Васильева Аня' },
      { ...misha, fullName: 'Васильев Петя' },
    ];
    expect(familyLabel('Васильева Ирина Петровна', four, 'ru')).toBe(
      'мама Миши В. (1А), Оли В. (4Б), Ани В. (4Б) и ещё 1',
    );
    expect(familyLabel('Васильева Ирина Петровна', [misha], 'en')).toBe('mother of Миша В., 1А');
    expect(familyLabel('Васильева Ирина Петровна', [], 'ru')).toBeNull();
  });
});
