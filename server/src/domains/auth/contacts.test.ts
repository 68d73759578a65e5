import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loginKeys, normalisePhone } from './contacts.js';

describe('contacts', () => {
  it('reads Russian phone spellings as one number', () => {
    for (const phone of [
      '+7 (900) 123-45-67',
      '89001234567',
      '79001234567',
      '9001234567',
      '8 900 123 45 67',
    ]) {
      expect(normalisePhone(phone)).toBe('79001234567');
    }
  });

  it('treats only phone-like input as a phone', () => {
    expect(loginKeys('ivanova').phone).toBeNull();
    expect(loginKeys('Ivanova@Mail.ru')).toMatchObject({ email: 'ivanova@mail.ru', phone: null });
    expect(loginKeys('+7 900 123-45-67').phone).toBe('79001234567');
  });

  it('normalising twice changes nothing', () => {
    fc.assert(
      fc.property(fc.string(), (text) => normalisePhone(normalisePhone(text)) === normalisePhone(text)),
    );
  });
});
