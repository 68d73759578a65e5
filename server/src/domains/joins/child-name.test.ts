import { describe, expect, it } from 'vitest';
import { namesStudent, nameWords } from './child-name.js';
import { distinctShortNames } from './queries.js';

describe('a child named by what a parent types', () => {
  it('reads words in lower case, ё as е, any spacing, composed letters', () => {
    expect(nameWords('  ЁЛКИНА\tАлёна  ')).toEqual(['елкина', 'алена']);
    expect(nameWords('Хаи\u0306руллин Тимур')).toEqual(['хайруллин', 'тимур']);
  });

  it('needs the surname and the first name, in any order, the patronymic only whole', () => {
    const student = 'Петров Миша Иванович';
    expect(namesStudent(nameWords('Петров Миша'), student)).toBe(true);
    expect(namesStudent(nameWords('миша петров'), student)).toBe(true);
    expect(namesStudent(nameWords('Миша Иванович Петров'), student)).toBe(true);
    expect(namesStudent(nameWords('Миша Иванович'), student)).toBe(false);
    expect(namesStudent(nameWords('Петров Миша Петрович'), student)).toBe(false);
    expect(namesStudent(nameWords('Петров Миша Миша'), student)).toBe(false);
    expect(namesStudent(nameWords('Петров'), 'Петров')).toBe(false);
  });
});

describe('the children of a class as a parent picks them', () => {
  it('tells namesakes apart by the surname, then the patronymic', () => {
    expect(
      distinctShortNames([
        'Гарипова Анна Рустемовна',
        'Гайнуллина Анна Ильдаровна',
        'Петров Миша Иванович',
        'Гарипова Анна Маратовна',
        'Гарипов Тимур',
      ]),
    ).toEqual(['Анна Гарипова Р.', 'Анна Гайнуллина', 'Миша П.', 'Анна Гарипова М.', 'Тимур Г.']);
  });
});
