/**
 * A list where pressing a row does it at once (open a chat with this person,
 * forward to this chat): every row waits while one runs, and that row says so.
 */
export function PickList<Item extends { id: number }>({
  label,
  items,
  busy,
  working,
  workingHint,
  onPick,
  name,
  hint,
}: {
  label: string;
  items: readonly Item[];
  busy: boolean;
  /** the row whose request runs */
  working: number | null;
  /** what that row says meanwhile («Открываем…») */
  workingHint: string;
  onPick: (id: number) => void;
  name: (item: Item) => string;
  hint: (item: Item) => string;
}) {
  return (
    <ul class="pick-list" aria-label={label}>
      {items.map((item) => (
        <li key={item.id}>
          <button type="button" class="pick-list__item" disabled={busy} onClick={() => onPick(item.id)}>
            <span class="pick-list__name">{name(item)}</span>
            <span class="pick-list__hint">{working === item.id ? workingHint : hint(item)}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
