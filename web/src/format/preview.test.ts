import type { TAttachment } from '@parta/protocol';
import { describe, expect, it } from 'vitest';
import { messagePreview } from './preview.js';

const file = (kind: TAttachment['kind'], format: string, name = 'файл'): TAttachment => ({
  id: 1,
  kind,
  name,
  format,
  size: 10,
  width: null,
  height: null,
  durationMs: null,
  thumbnail: false,
});

describe('a message in one line', () => {
  it('is its text when it has one, else what it carries', () => {
    expect(messagePreview({ body: 'Фото с экскурсии', attachments: [file('image', 'jpg')] })).toBe(
      'Фото с экскурсии',
    );
    expect(messagePreview({ body: '', attachments: [file('image', 'jpg'), file('image', 'png')] })).toBe(
      'Фото +1',
    );
    expect(messagePreview({ body: '', attachments: [file('audio', 'ogg')] })).toBe('Голосовое сообщение');
    expect(messagePreview({ body: '', attachments: [file('document', 'pdf', 'Заявление.pdf')] })).toBe(
      'Заявление.pdf',
    );
    expect(messagePreview({ body: '' })).toBe('');
  });
});
