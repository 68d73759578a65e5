import { describe, expect, it, vi } from 'vitest';
import { addTranslations, initI18n, setLanguage, t } from './index.js';
import { Words } from './words.js';

const chats = {
  chats: {
    unread_one: '{{count}} непрочитанное сообщение',
    unread_few: '{{count}} непрочитанных сообщения',
    unread_many: '{{count}} непрочитанных сообщений',
    unread_other: '{{count}} непрочитанного сообщения',
    from: 'Пишет {{name}}',
    onlyRussian: 'Только по-русски',
  },
};

describe('the words on screen', () => {
  it('choose the Russian plural form by the number (1 сообщение, 3 сообщения, 5 сообщений)', () => {
    const words = new Words('ru');
    words.add('ru', chats);
    const unread = (count: number) => words.t('ru', 'chats.unread', { count });
    expect(unread(1)).toBe('1 непрочитанное сообщение');
    expect(unread(3)).toBe('3 непрочитанных сообщения');
    expect(unread(5)).toBe('5 непрочитанных сообщений');
    expect(unread(11)).toBe('11 непрочитанных сообщений');
    expect(unread(21)).toBe('21 непрочитанное сообщение');
    expect(unread(1.5)).toBe('1.5 непрочитанного сообщения');
  });

  it('fill in names, fall back to Russian where English lacks a word, and show the key where nothing has it', () => {
    const words = new Words('ru');
    words.add('ru', chats);
    words.add('en', {
      chats: { unread_one: '{{count}} unread message', unread_other: '{{count}} unread messages' },
    });
    expect(words.t('ru', 'chats.from', { name: 'Галиева А. Р.' })).toBe('Пишет Галиева А. Р.');
    expect(words.t('en', 'chats.unread', { count: 1 })).toBe('1 unread message');
    expect(words.t('en', 'chats.unread', { count: 2 })).toBe('2 unread messages');
    expect(words.t('en', 'chats.onlyRussian')).toBe('Только по-русски');
    expect(words.t('en', 'chats.nothing')).toBe('chats.nothing');
  });
});

describe('the interface language', () => {
  it('starts in Russian without fetching English, and fetches English words only when switched to', async () => {
    await initI18n();
    expect(t('common.loading')).toBe('Загрузка');
    const english = vi.fn(async () => ({ default: { later: { title: 'Invites' } } }));
    await addTranslations({ ru: { later: { title: 'Приглашения' } }, en: english });
    expect(t('later.title')).toBe('Приглашения');
    expect(english).not.toHaveBeenCalled();

    await setLanguage('en', false);
    expect(english).toHaveBeenCalledTimes(1);
    expect(t('later.title')).toBe('Invites');
    expect(t('common.loading')).toBe('Loading');

    await setLanguage('ru', false);
    await setLanguage('en', false);
    expect(english).toHaveBeenCalledTimes(1);
    await setLanguage('ru', false);
    expect(t('later.title')).toBe('Приглашения');
  });
});
