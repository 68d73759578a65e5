import { FormActions } from '../forms/FormActions.js';
import { useSubmit } from '../forms/useSubmit.js';
import { Dialog } from './Dialog.js';

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
        <FormActions
          error={error}
          busy={busy}
          label={confirmLabel}
          danger={danger}
          onSend={() => void confirm()}
          onCancel={onClose}
        />
      </div>
    </Dialog>
  );
}
