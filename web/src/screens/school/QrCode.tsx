import { encode } from 'uqr';

const drawn = new Map<string, { size: number; path: string }>();

/** The dark modules of a QR code as one SVG path: a square per module, merged along each row. */
export function qrPath(text: string): { size: number; path: string } {
  const known = drawn.get(text);
  if (known) return known;
  const { data, size } = encode(text, { ecc: 'M', border: 2 });
  let path = '';
  data.forEach((row, y) => {
    let x = 0;
    while (x < size) {
      if (!row[x]) {
        x += 1;
        continue;
      }
      const start = x;
      while (x < size && row[x]) x += 1;
      path += `M${start} ${y}h${x - start}v1h${start - x}z`;
    }
  });
  const result = { size, path };
  drawn.set(text, result);
  return result;
}

/**
 * The link as a QR code a phone camera opens: black on white whatever the
 * theme, crisp at any size (no `innerHTML`; the path is built here).
 */
export function QrCode({ text, label, class: className }: { text: string; label: string; class?: string }) {
  const { size, path } = qrPath(text);
  return (
    <svg
      class={`qr${className ? ` ${className}` : ''}`}
      viewBox={`0 0 ${size} ${size}`}
      role="img"
      aria-label={label}
      shape-rendering="crispEdges"
      data-testid="qr"
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
