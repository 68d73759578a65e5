import type { TAttachment } from '@parta/protocol';
import { t } from '../i18n/index.js';
import { previewText } from './text.js';

/** What a file is, in a word: «Фото», «Видео», «Голосовое сообщение», a document by its name. */
export function fileLabel(file: TAttachment): string {
  if (file.kind === 'image') return t('files.photo');
  if (file.kind === 'video') return t('files.video');
  if (file.kind === 'audio')
    return file.format === 'ogg' || file.format === 'opus' ? t('files.voice') : t('files.audio');
  return file.name || t('files.document');
}

/** A message in one line (chat list, menus, quotes): its text, or what it carries when it has none. */
export function messagePreview(message: { body: string; attachments?: readonly TAttachment[] }): string {
  const text = previewText(message.body);
  const first = message.attachments?.[0];
  if (text || !first) return text;
  const more = message.attachments!.length - 1;
  return more > 0 ? `${fileLabel(first)} +${more}` : fileLabel(first);
}
