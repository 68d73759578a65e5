import { useSubmit } from '../forms/useSubmit.js';
import { t } from '../i18n/index.js';
import { Dialog } from './Dialog.js';
import { ErrorNote } from './ui.js';

/** «Вы уверены?» said plainly: what will happen, and the one verb that does it. */
export function ConfirmDialog({
  title,
  text,
  confirmLabel,
  danger,
  act,
  onDone,
  onClose,
}: {
  title: string;
  text: string;
  confirmLabel: string;
  danger?: boolean;
  act: () => Promise<unknown>;
  onDone: () => void;
  onClose: () => void;
}) {
  const { busy, error, run } = useSubmit({ leaves: true });

  async function confirm() {
    await run(async () => {
      await act();
      onDone();
      onClose();
    });
  }

  return (
    <Dialog title={title} onClose={onClose}>
      <div class="form dialog__body">
        <p>{text}</p>
        <ErrorNote error={error} />
        <div class="dialog__actions">
          <button type="button" class="button button--quiet" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button
            type="button"
            class={`button ${danger ? 'button--danger-solid' : 'button--primary'}`}
            disabled={busy}
            onClick={() => void confirm()}
          >
            {busy ? t('common.saving') : confirmLabel}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
