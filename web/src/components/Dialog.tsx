import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../i18n/index.js';
import { CloseIcon } from './icons.js';

/** A modal on the native `<dialog>`: focus is trapped, Esc closes, the page behind is inert. */
export function Dialog({
  title,
  onClose,
  children,
  variant,
}: {
  title: string;
  onClose: () => void;
  children: ComponentChildren;
  /** `sheet`: rises from the bottom of a phone's screen (a message's actions); `gallery`: the whole screen, dark */
  variant?: 'sheet' | 'gallery';
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      class={variant ? `dialog dialog--${variant}` : 'dialog'}
      aria-labelledby="dialog-title"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <header class="dialog__header">
        <h2 class="dialog__title" id="dialog-title">
          {title}
        </h2>
        <button type="button" class="icon-button" onClick={onClose} aria-label={t('common.close')}>
          <CloseIcon />
        </button>
      </header>
      {children}
    </dialog>
  );
}
