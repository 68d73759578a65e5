import { describe, expect, it } from 'vitest';
import { decodeMentions, encodeMentions, insertMention, matchCandidates, mentionQuery } from './mentions.js';

const people = [
  { id: 1, fullName: 'Иванова Мария Петровна' },
  { id: 2, fullName: 'Петров Олег Иванович' },
  { id: 3, fullName: 'Марьина Анна Олеговна' },
];

describe('mentionQuery', () => {
  it('finds the @word being typed at the caret', () => {
    expect(mentionQuery('Добрый день, @Ив', 16)).toEqual({ start: 13, query: 'Ив' });
    expect(mentionQuery('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionQuery('@Иванова Ма', 11)).toEqual({ start: 0, query: 'Иванова Ма' });
  });

  it('ignores e-mail addresses and finished names', () => {
    expect(mentionQuery('mail@school.ru', 14)).toBeNull();
    expect(mentionQuery('@Иванова Мария Петровна ', 24)).toBeNull();
  });
});

describe('matchCandidates', () => {
  it('matches the start of any word, surnames first', () => {
    expect(matchCandidates(people, 'мар').map((p) => p.id)).toEqual([3, 1]);
    expect(matchCandidates(people, 'олег').map((p) => p.id)).toEqual([3, 2]);
    expect(matchCandidates(people, 'ив ма').map((p) => p.id)).toEqual([1]);
    expect(matchCandidates(people, '')).toHaveLength(3);
  });
});

describe('mentions in the composer', () => {
  it('inserts the picked name and sends it as a token', () => {
    const typed = 'Добрый день, @Ив';
    const { text, caret } = insertMention(typed, 13, typed.length, 'Иванова Мария Петровна');
    expect(text).toBe('Добрый день, @Иванова Мария Петровна ');
    expect(caret).toBe(text.length);
    const picked = new Map([['Иванова Мария Петровна', 1]]);
    expect(encodeMentions(`${text}ждём вас`, picked)).toBe(
      'Добрый день, @[Иванова Мария Петровна](1) ждём вас',
    );
  });

  it('leaves names it was not given, and e-mails, as typed', () => {
    const picked = new Map([['Петров Олег Иванович', 2]]);
    expect(encodeMentions('@Петров Олег, и a@Петров Олег Иванович', picked)).toBe(
      '@Петров Олег, и a@Петров Олег Иванович',
    );
  });

  it('round-trips a sent body for editing', () => {
    const body = 'Вопрос к @[Петров Олег Иванович](2): когда?';
    const { text, picked } = decodeMentions(body);
    expect(text).toBe('Вопрос к @Петров Олег Иванович: когда?');
    expect(encodeMentions(text, picked)).toBe(body);
  });
});
