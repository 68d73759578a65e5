import { encode } from 'uqr';
import { describe, expect, it } from 'vitest';
import { qrPath } from './QrCode.js';

/** The modules a path paints, read back from its `M x y h w v1 h-w z` runs. */
function painted(path: string, size: number): boolean[][] {
  const grid = Array.from({ length: size }, () => Array<boolean>(size).fill(false));
  for (const [, x, y, width] of path.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
    for (let dx = 0; dx < Number(width); dx += 1) grid[Number(y)]![Number(x) + dx] = true;
  }
  return grid;
}

describe('the QR code of an invite link', () => {
  it('paints exactly the dark modules of the code, with a quiet border', () => {
    const url = 'https://parta.school5.ru/join/A0rkNamnJ35d7R0nHgHYf2';
    const { size, path } = qrPath(url);
    const { data } = encode(url, { ecc: 'M', border: 2 });
    expect(painted(path, size)).toEqual(data);
    // The border stays light, so a camera finds the finder patterns.
    expect(data[0]!.some(Boolean)).toBe(false);
    expect(data[2]![2]).toBe(true);
  });

  it('draws each link once, however many slips show it', () => {
    expect(qrPath('https://parta.example/join/x')).toBe(qrPath('https://parta.example/join/x'));
  });
});
