import { afterEach, describe, expect, it } from 'vitest';
import { language } from '../i18n/index.js';
import { fileSize } from './sizes.js';

afterEach(() => {
  language.value = 'ru';
});

describe('file sizes', () => {
  it('read as a Russian teacher writes them', () => {
    expect(fileSize(0)).toBe('0\u00a0Б');
    expect(fileSize(350 * 1024)).toBe('350\u00a0КБ');
    expect(fileSize(1.25 * 1024 * 1024)).toBe('1,3\u00a0МБ');
    expect(fileSize(300 * 1024 * 1024)).toBe('300\u00a0МБ');
    expect(fileSize(2 * 1024 ** 3)).toBe('2\u00a0ГБ');
  });

  it('and in English', () => {
    language.value = 'en';
    expect(fileSize(1.25 * 1024 * 1024)).toBe('1.3\u00a0MB');
  });
});
