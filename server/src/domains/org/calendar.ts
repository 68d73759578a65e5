/**
 * The school year a date belongs to, named by the calendar year it began in:
 * 2026 for 2026/27. From July on, a school prepares the coming year.
 */
export function academicYearAt(date: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
  }).formatToParts(date);
  const year = Number(parts.find((part) => part.type === 'year')?.value);
  const month = Number(parts.find((part) => part.type === 'month')?.value);
  return month >= 7 ? year : year - 1;
}

/** «5А», «11Б». */
export function className(grade: number, letter: string): string {
  return `${grade}${letter}`;
}
