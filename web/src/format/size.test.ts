import { describe, expect, it } from 'vitest';
import { duration, fileSize } from './size.js';

describe('file sizes and durations', () => {
  it('say sizes the Russian way', () => {
    expect(fileSize(812)).toBe('812 Б');
    expect(fileSize(34 * 1024 + 100)).toBe('34 КБ');
    expect(fileSize(1.2 * 1024 * 1024)).toBe('1,2 МБ');
    expect(fileSize(250 * 1024 * 1024)).toBe('250 МБ');
  });

  it('say durations as a clock', () => {
    expect(duration(7_000)).toBe('0:07');
    expect(duration(750_000)).toBe('12:30');
    expect(duration(3_725_000)).toBe('1:02:05');
  });
});
