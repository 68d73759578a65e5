import type { ComponentChildren } from 'preact';

/** One choice out of a list (a child, a person, a class): a radio button a row, its words beside it. */
export function RadioList<Item extends { id: number }>({
  name,
  items,
  picked,
  onPick,
  listClass,
  itemClass,
  children,
}: {
  name: string;
  items: readonly Item[];
  picked: number | null;
  onPick: (id: number) => void;
  listClass: string;
  itemClass: string;
  /** what a row says */
  children: (item: Item) => ComponentChildren;
}) {
  return (
    <ul class={listClass}>
      {items.map((item) => (
        <li key={item.id}>
          <label class={itemClass}>
            <input type="radio" name={name} checked={picked === item.id} onChange={() => onPick(item.id)} />
            {children(item)}
          </label>
        </li>
      ))}
    </ul>
  );
}
