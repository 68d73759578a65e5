import { HIGHLIGHT_END as E, HIGHLIGHT_START as S } from '@parta/protocol';
import { describe, expect, it } from 'vitest';
import { parseBody, parseHeadline, previewText, safeHref } from './text.js';

const text = (value: string) => ({ kind: 'text', text: value });

describe('parseBody', () => {
  it('keeps plain text as it is, with line breaks', () => {
    expect(parseBody('Добрый вечер.\nЗавтра собрание')).toEqual([
      text('Добрый вечер.'),
      { kind: 'br' },
      text('Завтра собрание'),
    ]);
  });

  it('reads bold and italic, also inside each other', () => {
    expect(parseBody('Собрание **в 18:30**, _кабинет **214**_')).toEqual([
      text('Собрание '),
      { kind: 'bold', children: [text('в 18:30')] },
      text(', '),
      { kind: 'italic', children: [text('кабинет '), { kind: 'bold', children: [text('214')] }] },
    ]);
  });

  it('leaves unclosed or spaced markers and snake_case words alone', () => {
    expect(parseBody('2 ** 3 и ** не жирный')).toEqual([text('2 ** 3 и ** не жирный')]);
    expect(parseBody('file_name_v2.docx')).toEqual([text('file_name_v2.docx')]);
    expect(parseBody('_ не курсив _')).toEqual([text('_ не курсив _')]);
    expect(parseBody('**')).toEqual([text('**')]);
  });

  it('makes http, https and www addresses links, without the sentence punctuation', () => {
    expect(parseBody('Расписание: https://school.ru/plan?a=1&b=2. Смотрите')).toEqual([
      text('Расписание: '),
      { kind: 'link', href: 'https://school.ru/plan?a=1&b=2', text: 'https://school.ru/plan?a=1&b=2' },
      text('. Смотрите'),
    ]);
    expect(parseBody('(см. www.gosuslugi.ru)')).toEqual([
      text('(см. '),
      { kind: 'link', href: 'https://www.gosuslugi.ru/', text: 'www.gosuslugi.ru' },
      text(')'),
    ]);
    expect(parseBody('https://ru.wikipedia.org/wiki/Казань_(город)')[0]).toMatchObject({
      kind: 'link',
      text: 'https://ru.wikipedia.org/wiki/Казань_(город)',
    });
  });

  it('never makes other schemes links', () => {
    for (const body of ['javascript:alert(1)', 'data:text/html,<b>x</b>', 'ftp://files.ru', 'file:///etc']) {
      expect(parseBody(body).every((span) => span.kind === 'text')).toBe(true);
    }
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('http://')).toBeNull();
  });

  it('keeps markup-looking text as text', () => {
    expect(parseBody('<img src=x onerror=alert(1)>')).toEqual([text('<img src=x onerror=alert(1)>')]);
  });

  it('reads mentions as names with ids', () => {
    expect(parseBody('@[Мария Иванова](12), посмотрите')).toEqual([
      { kind: 'mention', id: 12, name: 'Мария Иванова' },
      text(', посмотрите'),
    ]);
    expect(parseBody('@[незакрыто](12')).toEqual([text('@[незакрыто](12')]);
  });

  it('reads @все as a mention of everyone, not inside words or addresses', () => {
    expect(parseBody('@все, завтра')).toEqual([{ kind: 'mention', id: 0, name: 'все' }, text(', завтра')]);
    expect(parseBody('a@все @всеми')).toEqual([text('a@все @всеми')]);
  });

  it('does not hang or throw on any input', () => {
    const parts = ['**', '_', '@[', '](', '1)', 'www.', 'http://a.ru', '\n', ' ', 'а', '(', ')'];
    for (let seed = 0; seed < 500; seed += 1) {
      let body = '';
      for (let i = 0; i < 12; i += 1) body += parts[(seed * 7 + i * 13 + (seed >> i)) % parts.length];
      expect(() => parseBody(body)).not.toThrow();
    }
  });
});

describe('parseHeadline', () => {
  it('splits a search fragment into marked and plain pieces', () => {
    expect(parseHeadline(`Родительское ${S}собрание${E} в **18:30**, @[Мария Иванова](12)`)).toEqual([
      { text: 'Родительское ', mark: false },
      { text: 'собрание', mark: true },
      { text: ' в 18:30, @Мария Иванова', mark: false },
    ]);
  });
});

describe('previewText', () => {
  it('gives one line without markers', () => {
    expect(previewText('**Важно:**\nзавтра @[Мария Иванова](12)')).toBe('Важно: завтра @Мария Иванова');
  });
});
