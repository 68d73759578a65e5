import { describe, expect, it } from 'vitest';
import type { SessionRow } from '../domains/auth/queries.js';
import { mayChangeSessions, SessionCache } from './session-cache.js';

const now = new Date('2026-11-25T12:00:00Z');
const row: SessionRow = {
  sessionId: 1,
  userId: 2,
  schoolId: 1,
  roles: ['parent'],
  csrfToken: 'csrf',
  locale: 'ru',
  lastSeenAt: now,
  expiresAt: new Date(now.getTime() + 60_000),
};

describe('SessionCache', () => {
  it('trusts a session for its time, then asks the database again', () => {
    let ms = 0;
    const cache = new SessionCache(10_000, () => ms);
    cache.set('token', row);
    ms = 9_999;
    expect(cache.get('token', now)).toEqual(row);
    ms = 10_000;
    expect(cache.get('token', now)).toBeNull();
  });

  it('refuses a cached session once it has expired by the clock', () => {
    const cache = new SessionCache(10_000, () => 0);
    cache.set('token', row);
    expect(cache.get('token', row.expiresAt)).toBeNull();
  });

  it('forgets everything when told', () => {
    const cache = new SessionCache(10_000, () => 0);
    cache.set('a', row);
    cache.set('b', { ...row, sessionId: 2 });
    cache.forgetAll();
    expect(cache.get('a', now)).toBeNull();
    expect(cache.get('b', now)).toBeNull();
  });
});

describe('mayChangeSessions', () => {
  it('is false only for chats and messages, so a new kind of change forgets by default', () => {
    for (const type of ['messages.send', 'messages.react', 'chats.create', 'chats.add_members'])
      expect(mayChangeSessions(type), type).toBe(false);
    for (const type of [
      'auth.logout',
      'auth.password_reset',
      'people.leave',
      'people.set_roles',
      'classes.assign_teacher',
      'joins.approve',
      'school.rollover',
    ])
      expect(mayChangeSessions(type), type).toBe(true);
  });
});
