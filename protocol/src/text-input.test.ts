import { expect, it } from 'vitest';
import { cleanTypedText, ZLine, ZMultilineText } from './text-input.js';

it('refuses control characters and lone surrogates; a message keeps tabs and line breaks', () => {
  for (const bad of ['\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\uD800', '\uDFFF']) {
    expect(ZLine.safeParse(`Иван${bad}ов`).success, JSON.stringify(bad)).toBe(false);
    expect(ZMultilineText.safeParse(`Иван${bad}ов`).success, JSON.stringify(bad)).toBe(false);
  }
  expect(ZLine.safeParse('Хабибуллина Лейсан 😀').success).toBe(true);
  expect(ZLine.safeParse('a\nb').success).toBe(false);
  expect(ZMultilineText.safeParse('Добрый день.\n\tЗавтра собрание 😀').success).toBe(true);
});

it('turns what a paste from another program brings into text the server takes', () => {
  const pasted = 'Собрание\r\nв 18:00\vкаб. 12\u0007\uD800\fконец';
  expect(cleanTypedText(pasted)).toBe('Собрание\nв 18:00\nкаб. 12\nконец');
  expect(ZMultilineText.safeParse(cleanTypedText(pasted)).success).toBe(true);
});
