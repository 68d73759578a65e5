import { describe, expect, it } from 'vitest';
import { drawSlipCode, groupSlipCode, slipCode, slipCodeAlphabet, slipCodeLength } from './slip-code.js';

describe('the slip code', () => {
  it('has no look-alikes: no letter that reads as a digit, no digit that reads as a letter', () => {
    for (const char of '0O1IL2Z5S8BDGQUV') expect(slipCodeAlphabet).not.toContain(char);
    expect(new Set(slipCodeAlphabet).size).toBe(15);
    expect(slipCodeLength * Math.log2(slipCodeAlphabet.length)).toBeGreaterThan(35);
  });

  it('reads what a person types from paper: lower case, spaces, dashes, Cyrillic twins', () => {
    expect(slipCode('K7M-4PX-AT9')).toBe('K7M4PXAT9');
    expect(slipCode(' k7m 4px at9 ')).toBe('K7M4PXAT9');
    expect(slipCode('к7м–4рх–ат9')).toBe('K7M4PXAT9'); // Cyrillic letters, en dashes
    expect(slipCode('ЗЗЗ ЗЗЗ ЗЗЗ')).toBe('333333333');
  });

  it('refuses what cannot be a code', () => {
    for (const text of ['', 'K7M-4PX-AT', 'K7M-4PX-AT99', 'K7M-4PX-AT0', 'K7M-4PX-ATБ', 'x'.repeat(60)]) {
      expect(slipCode(text)).toBeNull();
    }
  });

  it('groups a code in threes, and draws codes from its alphabet only', () => {
    expect(groupSlipCode('K7M4PXAT9')).toBe('K7M-4PX-AT9');
    let n = 0;
    const code = drawSlipCode((size) => n++ % size);
    expect(code).toHaveLength(slipCodeLength);
    expect(slipCode(groupSlipCode(code))).toBe(code);
  });
});
