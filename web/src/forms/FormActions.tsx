import { ErrorNote } from '../components/ui.js';
import { t } from '../i18n/index.js';

/**
 * The end of a form or a dialog: what went wrong (the server's words), a
 * quiet way back, and the one verb that sends — saying so while it runs.
 */
export function FormActions({
  error,
  busy,
  label,
  busyLabel = t('common.saving'),
  disabled = false,
  danger = false,
  onSend,
  onCancel,
  cancelLabel = t('common.cancel'),
  place = 'dialog',
  sticky = false,
}: {
  error: unknown;
  busy: boolean;
  label: string;
  busyLabel?: string;
  /** not ready to send yet (it is off while busy anyway) */
  disabled?: boolean;
  danger?: boolean;
  /** a button of its own; without it the button submits the form */
  onSend?: () => void;
  onCancel: () => void;
  cancelLabel?: string;
  /** a dialog's row, or a form's on a page */
  place?: 'dialog' | 'form';
  /** stays in view at the bottom of a long dialog */
  sticky?: boolean;
}) {
  return (
    <>
      <ErrorNote error={error} />
      <div class={`${place}__actions${sticky ? ` ${place}__actions--sticky` : ''}`}>
        <button type="button" class="button button--quiet" onClick={onCancel}>
          {cancelLabel}
        </button>
        <button
          type={onSend ? 'button' : 'submit'}
          class={`button ${danger ? 'button--danger-solid' : 'button--primary'}`}
          disabled={busy || disabled}
          onClick={onSend}
        >
          {busy ? busyLabel : label}
        </button>
      </div>
    </>
  );
}
