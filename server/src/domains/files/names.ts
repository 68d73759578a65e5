/** The longest file name kept, in characters, before the extension. */
const MAX_STEM = 120;

/**
 * The name a file is saved under: the sender's (its last path part, without
 * control or invisible characters and without what Windows forbids), with
 * the extension of what the content is — a «.pdf» that is a program is
 * refused before this, and a photo named «IMG_001» still opens as a photo.
 */
export function cleanFileName(original: string, format: string, fallback: string): string {
  const base = original.split(/[\\/]/).pop() ?? '';
  const stem = base
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}<>:"|?*]/gu, '')
    .replace(/\.[^.]*$/, '')
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .replace(/\s+/g, ' ');
  const kept = [...stem].slice(0, MAX_STEM).join('') || fallback;
  return `${kept}.${format === 'jpg' ? 'jpg' : format}`;
}

/** `Content-Disposition` for a download: an ASCII fallback and the real name (RFC 6266, RFC 5987). */
export function attachmentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
