import type { Locale } from '@parta/protocol';
import { signal } from '@preact/signals';
import i18next from 'i18next';
import { configureHttp } from '../api/http.js';
import en from './en.json';
import ru from './ru.json';

const STORAGE_KEY = 'parta.language';
export const languages = ['ru', 'en'] as const satisfies readonly Locale[];

/** The interface language; components that read it re-render when it changes. */
export const language = signal<Locale>('ru');

const i18n = i18next.createInstance();

function storedLanguage(): Locale | null {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    return saved === 'ru' || saved === 'en' ? saved : null;
  } catch {
    return null;
  }
}

/** Russian unless this browser chose English before (or speaks English and not Russian). */
function initialLanguage(): Locale {
  const saved = storedLanguage();
  if (saved) return saved;
  const spoken = (globalThis.navigator?.languages ?? []).map((tag) => tag.slice(0, 2).toLowerCase());
  return spoken.includes('en') && !spoken.includes('ru') ? 'en' : 'ru';
}

export function initI18n(): void {
  const lng = initialLanguage();
  void i18n.init({
    lng,
    fallbackLng: 'ru',
    supportedLngs: [...languages],
    resources: { ru: { translation: ru }, en: { translation: en } },
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  apply(lng);
}

function apply(lng: Locale): void {
  language.value = lng;
  if (typeof document !== 'undefined') document.documentElement.lang = lng;
  configureHttp({ language: lng, unexpected: () => t('errors.unexpected') });
}

/**
 * Words of a part of the app loaded later (the admin screens bring their own,
 * so a parent's phone never downloads them), in every language at once.
 */
export function addTranslations(bundles: Record<Locale, object>): void {
  for (const lng of languages) i18n.addResourceBundle(lng, 'translation', bundles[lng], true, false);
}

export async function setLanguage(lng: Locale, remember = true): Promise<void> {
  if (remember) {
    try {
      localStorage.setItem(STORAGE_KEY, lng);
    } catch {
      // The choice lasts for this page only.
    }
  }
  await i18n.changeLanguage(lng);
  apply(lng);
}

/**
 * Every word on screen comes through here (keys in ru.json / en.json). Reading
 * `language` subscribes the rendering component, so a switch redraws it.
 */
export function t(key: string, options?: Record<string, unknown>): string {
  return i18n.t(key, { ...options, lng: language.value }) as string;
}
