/** «Сегодня», «Вчера», «12 декабря» above the first message of a day. */
export function DayTitle({ title }: { title: string | null }) {
  if (!title) return null;
  return (
    <p class="day">
      <span>{title}</span>
    </p>
  );
}
