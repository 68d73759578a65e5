import { type ErrorCode, type Locale, locales } from '@parta/protocol';
import i18next from 'i18next';
import { en, enFields } from './en.js';
import { ru, ruFields } from './ru.js';

const i18n = i18next.createInstance();
await i18n.init({
  lng: 'ru',
  fallbackLng: 'ru',
  supportedLngs: [...locales],
  resources: { ru: { errors: ru }, en: { errors: en } },
  ns: ['errors'],
  defaultNS: 'errors',
  keySeparator: false,
  nsSeparator: false,
  interpolation: { escapeValue: false },
  initAsync: false,
});

export function errorMessage(
  locale: Locale,
  code: ErrorCode | 'validation.failed_request',
  params: Record<string, string | number> = {},
) {
  return i18n.t(code, { lng: locale, ...params });
}

/** A field path (`body`, `memberIds.2`, `register.fullName`) as the reader calls the field. */
export function fieldLabel(locale: Locale, path: string): string {
  const name = path.split('.').findLast((part) => !/^\d+$/.test(part)) ?? path;
  return (locale === 'ru' ? ruFields : enFields)[name] ?? name;
}

/** The reader's language: their saved choice, else the browser's, else Russian. */
export function pickLocale(acceptLanguage: string | undefined, saved?: string | null): Locale {
  if (saved === 'ru' || saved === 'en') return saved;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.trim().slice(0, 2).toLowerCase();
    if (tag === 'ru' || tag === 'en') return tag;
  }
  return 'ru';
}
