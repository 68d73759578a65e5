import { MAX_ATTACHMENTS, type TAttachment } from '@parta/protocol';
import { signal } from '@preact/signals';
import { ApiError, isTransient } from '../api/http.js';
import { uploadFile } from '../api/upload.js';

/** One file chosen for the next message of a chat: on its way, there, or refused. */
export interface UploadItem {
  key: string;
  file: File;
  /** the share sent, 0…1 */
  progress: number;
  status: 'uploading' | 'done' | 'failed';
  attachment: TAttachment | null;
  /** the server's words (already in the reader's language), or null for a lost connection */
  error: string | null;
  /** the failure may pass on another try (no connection, the server busy); a refused file would be refused again */
  retryable: boolean;
}

/** The files waiting above each chat's composer, in the order they were chosen. */
export const uploads = signal<ReadonlyMap<number, readonly UploadItem[]>>(new Map());
const aborts = new Map<string, () => void>();

function patch(chatId: number, key: string, change: Partial<UploadItem> | null): void {
  const list = uploads.value.get(chatId) ?? [];
  const next = new Map(uploads.value);
  const items = change
    ? list.map((item) => (item.key === key ? { ...item, ...change } : item))
    : list.filter((item) => item.key !== key);
  if (items.length > 0) next.set(chatId, items);
  else next.delete(chatId);
  uploads.value = next;
}

function start(chatId: number, item: UploadItem): void {
  const upload = uploadFile(chatId, item.file, (progress) => patch(chatId, item.key, { progress }));
  aborts.set(item.key, upload.abort);
  upload.done.then(
    (attachment) => patch(chatId, item.key, { status: 'done', progress: 1, attachment }),
    (error: unknown) => {
      if (error instanceof ApiError && error.code === 'client.aborted') return;
      patch(chatId, item.key, {
        status: 'failed',
        error: error instanceof ApiError && error.message ? error.message : null,
        retryable: isTransient(error),
      });
    },
  );
}

/** Starts sending the chosen files at once; beyond the tenth of a message they are left out (returns how many). */
export function addFiles(chatId: number, files: readonly File[]): number {
  const list = uploads.value.get(chatId) ?? [];
  const room = Math.max(0, MAX_ATTACHMENTS - list.length);
  const added = files.slice(0, room).map(
    (file): UploadItem => ({
      key: crypto.randomUUID(),
      file,
      progress: 0,
      status: 'uploading',
      attachment: null,
      error: null,
      retryable: false,
    }),
  );
  if (added.length === 0) return files.length;
  uploads.value = new Map(uploads.value).set(chatId, [...list, ...added]);
  for (const item of added) start(chatId, item);
  return files.length - added.length;
}

/** «×»: stops the upload (or forgets the refused or finished file). */
export function removeUpload(chatId: number, key: string): void {
  aborts.get(key)?.();
  aborts.delete(key);
  patch(chatId, key, null);
}

export function retryUpload(chatId: number, key: string): void {
  const item = uploads.value.get(chatId)?.find((one) => one.key === key);
  if (!item) return;
  const fresh = { ...item, status: 'uploading' as const, progress: 0, error: null };
  patch(chatId, key, fresh);
  start(chatId, fresh);
}

/** After sending: the files that went leave the tray (a refused one stays, to retry or remove). */
export function clearSent(chatId: number, keys: readonly string[]): void {
  for (const key of keys) {
    aborts.delete(key);
    patch(chatId, key, null);
  }
}
