import type { TAttachment } from '@parta/protocol';
import { useState } from 'preact/hooks';
import { fileLabel } from '../format/preview.js';
import { duration, fileSize } from '../format/size.js';
import { t } from '../i18n/index.js';
import { fileUrl, Gallery } from './Gallery.js';
import { FileIcon, PlayIcon } from './icons.js';

const previewUrl = (file: TAttachment) =>
  file.thumbnail ? `/api/files/${file.id}/thumbnail` : fileUrl(file);

const ONE_WIDTH = 260;
const ONE_HEIGHT = 320;

/** The size a lone picture takes in the bubble, kept before it arrives so the chat does not jump. */
function frame(file: TAttachment): { width: string; aspectRatio: string } {
  const w = file.width ?? 4;
  const h = file.height ?? 3;
  const scale = Math.min(1, ONE_WIDTH / w, ONE_HEIGHT / h);
  return { width: `${Math.round(w * scale)}px`, aspectRatio: `${w} / ${h}` };
}

const isMedia = (file: TAttachment) => file.kind === 'image' || file.kind === 'video';

function MediaTile({ file, alone, onOpen }: { file: TAttachment; alone: boolean; onOpen: () => void }) {
  const video = file.kind === 'video';
  const time = file.durationMs === null ? '' : duration(file.durationMs);
  return (
    <button
      type="button"
      class={`attach-tile${alone ? ' attach-tile--alone' : ''}`}
      style={alone ? frame(file) : undefined}
      onClick={onOpen}
      aria-haspopup="dialog"
      aria-label={
        video
          ? t('files.playVideo', { name: file.name, duration: time })
          : t('files.openPhoto', { name: file.name })
      }
      data-testid={video ? 'attachment-video' : 'attachment-image'}
    >
      {file.thumbnail || !video ? (
        <img
          src={previewUrl(file)}
          alt=""
          width={file.width ?? undefined}
          height={file.height ?? undefined}
          loading="lazy"
          decoding="async"
        />
      ) : null}
      {video && (
        <span class="attach-tile__play" aria-hidden="true">
          <PlayIcon width="20" height="20" />
          {time && <span>{time}</span>}
        </span>
      )}
    </button>
  );
}

function DocumentCard({ file }: { file: TAttachment }) {
  const details = t('files.details', { format: file.format.toUpperCase(), size: fileSize(file.size) });
  return (
    <a class="attach-doc" href={fileUrl(file)} download={file.name} data-testid="attachment-document">
      <FileIcon width="28" height="28" />
      <span class="attach-doc__text">
        <span class="attach-doc__name">{file.name}</span>
        <span class="attach-doc__details">{details}</span>
      </span>
    </a>
  );
}

function AudioPlayer({ file }: { file: TAttachment }) {
  const label = fileLabel(file);
  const time = file.durationMs === null ? '' : duration(file.durationMs);
  return (
    <div class="attach-audio" data-testid="attachment-audio">
      <p class="attach-audio__label">{time ? `${label} · ${time}` : label}</p>
      {/* biome-ignore lint/a11y/useMediaCaption: a voice or a sound recording of a chat has no captions */}
      <audio controls preload="none" src={fileUrl(file)} aria-label={label} />
    </div>
  );
}

/**
 * The files of a message: pictures and videos first, as one picture with its
 * own shape or a grid of squares (a tap opens the gallery), then recordings
 * with a player, then documents as cards that download.
 */
export function Attachments({ files }: { files: readonly TAttachment[] }) {
  const [open, setOpen] = useState<number | null>(null);
  const media = files.filter(isMedia);
  const rest = files.filter((file) => !isMedia(file));
  return (
    <div class="attachments">
      {media.length > 0 && (
        <div class={media.length > 1 ? 'attach-grid' : 'attach-one'}>
          {media.map((file, index) => (
            <MediaTile key={file.id} file={file} alone={media.length === 1} onOpen={() => setOpen(index)} />
          ))}
        </div>
      )}
      {rest.map((file) =>
        file.kind === 'audio' ? (
          <AudioPlayer key={file.id} file={file} />
        ) : (
          <DocumentCard key={file.id} file={file} />
        ),
      )}
      {open !== null && <Gallery files={media} start={open} onClose={() => setOpen(null)} />}
    </div>
  );
}
