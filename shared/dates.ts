/**
 * A day as `YYYY-MM-DD` in the person's own time zone: "today" for a session date, a
 * reflection, a file name or the date a booklet was made. Not `toISOString()`, which is the
 * day in UTC: near midnight that is yesterday or tomorrow for most people.
 */
export function localDate(date: Date = new Date()): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
