import { language } from '../i18n/index.js';

const units = { ru: ['Б', 'КБ', 'МБ', 'ГБ'], en: ['B', 'KB', 'MB', 'GB'] } as const;

/** 1 258 291 → «1,2 МБ»: a file's size as a person reads it, in the interface's language. */
export function fileSize(bytes: number): string {
  const names = units[language.value] ?? units.en;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < names.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  const number = new Intl.NumberFormat(language.value, { maximumFractionDigits: digits }).format(value);
  return `${number}\u00a0${names[unit]}`;
}
