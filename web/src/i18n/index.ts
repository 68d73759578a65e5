import type { Locale } from '@parta/protocol';
import { signal } from '@preact/signals';
import { configureHttp } from '../api/http.js';
import ru from './ru.json';
import { Words } from './words.js';

const STORAGE_KEY = 'parta.language';
export const languages = ['ru', 'en'] as const satisfies readonly Locale[];

/** The interface language; components that read it re-render when it changes. */
export const language = signal<Locale>('ru');

const words = new Words('ru');
words.add('ru', ru);

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

/**
 * The words of one part of the app: Russian in the part's own chunk (it is
 * also the fallback of every other language), any other language fetched
 * only when it is the one on screen.
 */
export interface Translations {
  ru: object;
  en: () => Promise<{ default: object }>;
}

const parts: Translations[] = [{ ru, en: () => import('./en.json') }];
const fetched = new Map<Translations, Set<Locale>>();

/** Brings the words of `lng` of every part loaded so far (those of `only`, if given). */
async function fetchLanguage(lng: Locale, only: Translations[] = parts): Promise<void> {
  await Promise.all(
    only.map(async (part) => {
      const have = fetched.get(part) ?? new Set<Locale>(['ru']);
      fetched.set(part, have);
      if (have.has(lng) || lng === 'ru') return;
      const bundle = (await part[lng]()).default;
      words.add(lng, bundle);
      have.add(lng);
    }),
  );
}

/**
 * Starts in Russian at once; resolves when the reader's language is on
 * screen (for English, after its words have arrived).
 */
export async function initI18n(): Promise<void> {
  const lng = initialLanguage();
  apply('ru');
  if (lng === 'ru') return;
  // The server answers in the reader's language from the first request on.
  configureHttp({ language: lng });
  await setLanguage(lng, false);
}

function apply(lng: Locale): void {
  language.value = lng;
  if (typeof document !== 'undefined') document.documentElement.lang = lng;
  configureHttp({ language: lng, unexpected: () => t('errors.unexpected') });
}

/**
 * Words of a part of the app loaded later (the admin screens bring their own,
 * so a parent's phone never downloads them). Resolves when they are there in
 * the language on screen.
 */
export function addTranslations(part: Translations): Promise<void> {
  parts.push(part);
  words.add('ru', part.ru);
  return fetchLanguage(language.peek(), [part]);
}

export async function setLanguage(lng: Locale, remember = true): Promise<void> {
  if (remember) {
    try {
      localStorage.setItem(STORAGE_KEY, lng);
    } catch {
      // The choice lasts for this page only.
    }
  }
  await fetchLanguage(lng);
  apply(lng);
}

/**
 * Every word on screen comes through here (keys in ru.json / en.json). Reading
 * `language` subscribes the rendering component, so a switch redraws it.
 */
export function t(key: string, options?: Record<string, unknown>): string {
  return words.t(language.value, key, options);
}
