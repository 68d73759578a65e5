import { MAX_MESSAGE_LENGTH } from '@parta/protocol';
import { describe, expect, it } from 'vitest';
import { reminderBody } from './reminder.js';

describe('a reminder to those who have not read', () => {
  it('mentions each of them under the lead line', () => {
    const body = reminderBody(
      'Прочитайте, пожалуйста.',
      [
        { id: 3, fullName: 'Ахметов Артём' },
        { id: 7, fullName: 'Сафина [Алия]' },
      ],
      (n) => `и ещё ${n}`,
    );
    expect(body).toBe('Прочитайте, пожалуйста.\n@[Ахметов Артём](3) @[Сафина  Алия ](7)');
  });

  it('stays within a message and counts whom it could not name', () => {
    const many = Array.from({ length: 400 }, (_, i) => ({
      id: i + 1,
      fullName: `Ученикова Мария Петровна ${i}`,
    }));
    const body = reminderBody('Прочитайте.', many, (n) => `и ещё ${n}`);
    expect(body.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
    expect(body).toMatch(/и ещё \d+$/);
  });
});
