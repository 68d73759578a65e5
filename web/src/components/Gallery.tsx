import type { TAttachment } from '@parta/protocol';
import { useRef, useState } from 'preact/hooks';
import { t } from '../i18n/index.js';
import { Dialog } from './Dialog.js';
import { BackIcon, ChevronIcon, DownloadIcon } from './icons.js';

const SWIPE_PX = 50;

/** The bytes of a file (the server lets only the chat's members have them). */
export const fileUrl = (file: TAttachment) => `/api/files/${file.id}`;

/**
 * The pictures and videos of one message on the whole screen: «‹» and «›»
 * (the arrow keys, a swipe on a phone) go through them, «Скачать» keeps the
 * one on screen. Esc or «×» closes; focus stays inside (Dialog).
 */
export function Gallery({
  files,
  start,
  onClose,
}: {
  files: readonly TAttachment[];
  start: number;
  onClose: () => void;
}) {
  const [index, setIndex] = useState(start);
  const file = files[index]!;
  const several = files.length > 1;
  const down = useRef<number | null>(null);
  const go = (step: number) => setIndex((current) => (current + step + files.length) % files.length);
  const kind = file.kind === 'video' ? t('files.video') : t('files.photo');
  const title = several ? `${kind} · ${t('files.counter', { n: index + 1, total: files.length })}` : kind;

  return (
    <Dialog title={title} onClose={onClose} variant="gallery">
      {/* biome-ignore lint/a11y/noStaticElementInteractions: swiping is a shortcut; the buttons below do the same */}
      <div
        class="gallery"
        data-testid="gallery"
        onKeyDown={(event) => {
          if (!several || (event.target as HTMLElement).tagName === 'VIDEO') return;
          if (event.key === 'ArrowLeft') go(-1);
          else if (event.key === 'ArrowRight') go(1);
        }}
        onPointerDown={(event) => {
          down.current = event.clientX;
        }}
        onPointerUp={(event) => {
          if (down.current === null || !several) return;
          const dx = event.clientX - down.current;
          down.current = null;
          if (Math.abs(dx) >= SWIPE_PX) go(dx < 0 ? 1 : -1);
        }}
      >
        <div class="gallery__stage">
          {file.kind === 'video' ? (
            // biome-ignore lint/a11y/useMediaCaption: a parent's or a teacher's own video has no captions
            <video
              key={file.id}
              class="gallery__media"
              controls
              autoPlay
              src={fileUrl(file)}
              aria-label={file.name}
            />
          ) : (
            <img key={file.id} class="gallery__media" src={fileUrl(file)} alt={file.name} draggable={false} />
          )}
        </div>
        <div class="gallery__bar">
          {several && (
            <button type="button" class="icon-button" onClick={() => go(-1)} aria-label={t('files.previous')}>
              <BackIcon />
            </button>
          )}
          <a class="button button--quiet gallery__download" href={fileUrl(file)} download={file.name}>
            <DownloadIcon width="20" height="20" />
            {t('files.download')}
          </a>
          {several && (
            <button type="button" class="icon-button" onClick={() => go(1)} aria-label={t('files.next')}>
              <ChevronIcon />
            </button>
          )}
        </div>
      </div>
    </Dialog>
  );
}
