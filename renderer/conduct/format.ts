/** Times as the console shows them: local clock times and dates in the user's language. */
const pad2 = (value: number) => String(value).padStart(2, '0');

/** `09:31` for an instant (epoch ms), in local time. */
export function clockOfMs(ms: number): string {
  const date = new Date(ms);
  return `${pad2(date.getHours())}:${pad2(date.getMinutes())}`;
}

/** `09:31:07` for an instant (epoch ms), in local time. */
export function clockSecondsOfMs(ms: number): string {
  const date = new Date(ms);
  return `${clockOfMs(ms)}:${pad2(date.getSeconds())}`;
}

/** A date and time for lists, e.g. `2026年5月20日 09:31` or `20 May 2026, 09:31`. */
export function dateTimeOf(iso: string, language: string): string {
  return new Date(iso).toLocaleString(language === 'en' ? 'en-GB' : 'zh-CN', { dateStyle: 'medium', timeStyle: 'short' });
}

/** Elapsed time as `1:05:09` (hours:minutes:seconds) or `05:09` under an hour; negative as zero. */
export function elapsedOf(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const rest = `${pad2(Math.floor((total % 3600) / 60))}:${pad2(total % 60)}`;
  return hours > 0 ? `${hours}:${rest}` : rest;
}

/** The value of a `datetime-local` input for an instant, with seconds. */
export function localInputOf(ms: number): string {
  const date = new Date(ms);
  return `${date.getFullYear()}-${pad2(date.getMonth() + 1)}-${pad2(date.getDate())}T${clockSecondsOfMs(ms)}`;
}
