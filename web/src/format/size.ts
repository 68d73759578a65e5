import { language, t } from '../i18n/index.js';

const KB = 1024;
const MB = KB * 1024;
const GB = MB * 1024;

/** «812 Б», «34 КБ», «1,2 МБ»: one decimal below ten, in the reader's own digits. */
export function fileSize(bytes: number): string {
  const [value, key] =
    bytes < KB
      ? [bytes, 'files.bytes']
      : bytes < MB
        ? [bytes / KB, 'files.kb']
        : bytes < GB
          ? [bytes / MB, 'files.mb']
          : [bytes / GB, 'files.gb'];
  const digits = value < 10 && key !== 'files.bytes' ? 1 : 0;
  const n = new Intl.NumberFormat(language.value, { maximumFractionDigits: digits }).format(value);
  return t(key, { n });
}

/** «0:07», «12:30», «1:02:05». */
export function duration(ms: number): string {
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
