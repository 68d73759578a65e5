import type { TInvite } from '@parta/protocol';
import { beforeAll, describe, expect, it } from 'vitest';
import { addTranslations, initI18n } from '../../i18n/index.js';
import en from '../../i18n/invites/en.json';
import ru from '../../i18n/invites/ru.json';
import { inviteName, inviteState, inviteUses, shortLink } from './invite-state.js';

const now = Date.parse('2026-11-25T12:00:00Z');
const invite = (patch: Partial<TInvite>): TInvite => ({
  id: 1,
  role: 'parent',
  policies: { revoke: true },
  class: { id: 3, name: '3А' },
  chat: null,
  person: null,
  maxUses: null,
  uses: 0,
  expiresAt: '2026-12-09T12:00:00Z',
  revoked: false,
  createdAt: '2026-11-25T11:00:00Z',
  ...patch,
});

beforeAll(async () => {
  await initI18n();
  await addTranslations({ ru, en: async () => ({ default: en }) });
});

describe('an invite in the list', () => {
  it('says whom it is for', () => {
    expect(inviteName(invite({}))).toBe('Родители 3А');
    expect(inviteName(invite({ role: 'teacher', class: null }))).toBe('Учителя');
  });

  it('counts its uses in Russian plurals, or against its limit', () => {
    expect(inviteUses(invite({}))).toBe('ещё не использовано');
    expect(inviteUses(invite({ uses: 1 }))).toBe('использовано 1 раз');
    expect(inviteUses(invite({ uses: 3 }))).toBe('использовано 3 раза');
    expect(inviteUses(invite({ uses: 5 }))).toBe('использовано 5 раз');
    expect(inviteUses(invite({ uses: 22 }))).toBe('использовано 22 раза');
    expect(inviteUses(invite({ uses: 1, maxUses: 1 }))).toBe('1 из 1');
  });

  it('works until it is cancelled, expires or is used up', () => {
    expect(inviteState(invite({}), now)).toBe('active');
    expect(inviteState(invite({ revoked: true }), now)).toBe('revoked');
    expect(inviteState(invite({ expiresAt: '2026-11-25T11:59:59Z' }), now)).toBe('expired');
    expect(inviteState(invite({ uses: 1, maxUses: 1 }), now)).toBe('exhausted');
  });

  it('prints its link without the scheme nobody types', () => {
    expect(shortLink('https://parta.school5.ru/join/abc')).toBe('parta.school5.ru/join/abc');
  });
});
