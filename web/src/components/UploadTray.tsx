import { fileFormats } from '@parta/protocol';
import { useEffect, useMemo, useRef } from 'preact/hooks';
import { fileSize } from '../format/size.js';
import { t } from '../i18n/index.js';
import { removeUpload, retryUpload, type UploadItem, uploads } from '../state/uploads.js';
import { CloseIcon, FileIcon, PaperclipIcon } from './icons.js';

/** A photo chosen from this device, shown small at once (nothing is fetched). */
function LocalPreview({ file }: { file: File }) {
  const url = useMemo(() => URL.createObjectURL(file), [file]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  return <img class="tray__preview" src={url} alt="" width={40} height={40} />;
}

function TrayItem({ chatId, item }: { chatId: number; item: UploadItem }) {
  const percent = Math.round(item.progress * 100);
  const name = item.file.name || t('files.document');
  return (
    <li class={`tray__item tray__item--${item.status}`} data-testid="upload">
      {item.file.type.startsWith('image/') ? (
        <LocalPreview file={item.file} />
      ) : (
        <FileIcon width="22" height="22" />
      )}
      <div class="tray__text">
        <span class="tray__name">{name}</span>
        {item.status === 'uploading' && (
          <>
            <span class="tray__state">{t('files.uploading', { percent })}</span>
            <div
              class="tray__bar"
              role="progressbar"
              aria-label={name}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={percent}
            >
              <div class="tray__fill" style={{ width: `${percent}%` }} />
            </div>
          </>
        )}
        {item.status === 'done' && (
          <span class="tray__state">{`${t('files.uploaded')} · ${fileSize(item.attachment?.size ?? item.file.size)}`}</span>
        )}
        {item.status === 'failed' && (
          <span class="tray__state tray__state--failed" role="alert">
            {item.error ?? t('files.failed')}
          </span>
        )}
        {item.status === 'failed' && item.retryable && (
          <button
            type="button"
            class="button button--small button--quiet tray__retry"
            onClick={() => retryUpload(chatId, item.key)}
          >
            {t('files.retry')}
          </button>
        )}
      </div>
      <button
        type="button"
        class="icon-button"
        onClick={() => removeUpload(chatId, item.key)}
        aria-label={item.status === 'uploading' ? t('files.cancel', { name }) : t('files.remove', { name })}
      >
        <CloseIcon width="20" height="20" />
      </button>
    </li>
  );
}

/** The files chosen for the next message, above the composer: each uploads at once, with its progress. */
export function UploadTray({ chatId }: { chatId: number }) {
  const items = uploads.value.get(chatId) ?? [];
  if (items.length === 0) return null;
  return (
    <ul class="tray" aria-label={t('files.tray')}>
      {items.map((item) => (
        <TrayItem key={item.key} chatId={chatId} item={item} />
      ))}
    </ul>
  );
}

/** What the system picker offers: any picture, recording or video (a phone adds its camera), and the allowed documents. */
const ACCEPT = ['image/*', 'audio/*', 'video/*', ...fileFormats.document.map((format) => `.${format}`)].join(
  ',',
);

/** The paper clip beside the field: opens the system's file picker. */
export function AttachButton({ onFiles }: { onFiles: (files: File[]) => void }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        type="button"
        class="composer__schedule composer__attach"
        onClick={() => input.current?.click()}
        aria-label={t('files.attach')}
        title={t('files.attach')}
      >
        <PaperclipIcon />
      </button>
      <input
        ref={input}
        type="file"
        multiple
        accept={ACCEPT}
        hidden
        tabIndex={-1}
        aria-hidden="true"
        data-testid="attach-input"
        onChange={(event) => {
          const chosen = [...(event.currentTarget.files ?? [])];
          event.currentTarget.value = '';
          if (chosen.length > 0) onFiles(chosen);
        }}
      />
    </>
  );
}
