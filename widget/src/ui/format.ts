import { useMemo } from 'react';
import type { UsageWindow } from '../data/usage-window';

export interface Formatters {
  readonly locale: string;
  credits(value: number): string;
  /** `percent` is already rounded by the server (siblings sum to 100.0); this only prints it. */
  percent(value: number | null): string;
  /** The window as days in the account's zone, its end exclusive: "1–31 October 2026". */
  period(window: UsageWindow): string;
  /** "14:05" in the account's zone. */
  time(instant: string): string;
  /** A fraction as a whole percent: 1.12 → "112%". */
  wholePercent(fraction: number): string;
  /** A day in the account's zone, short: "31 Oct" (en-GB), "Oct 31" (en-US). */
  day(epochMs: number): string;
  /** Date and time to the second in the account's zone: "Jun 20, 2026, 14:05:09". */
  instant(instant: string): string;
  /** "Mon, Jun 1" in the account's zone: a day of a series. */
  seriesDay(instant: string): string;
}

export const FALLBACK_LOCALE = 'en-US';

/** The locale to format with: the host's when Intl accepts it, else en-US and the reason. */
export function resolveLocale(locale: string | undefined): { locale: string | undefined; problem?: string } {
  if (locale === undefined) return { locale };
  try {
    return { locale: Intl.getCanonicalLocales(locale)[0] };
  } catch {
    return { locale: FALLBACK_LOCALE, problem: `locale ${JSON.stringify(locale)} is not a BCP 47 language tag (e.g. "en-US"); showing ${FALLBACK_LOCALE}` };
  }
}

export function createFormatters(locale: string | undefined, timeZone: string | undefined): Formatters {
  const credits = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const day = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone });
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone });
  const wholePercent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const shortDay = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone });
  const instant = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium', timeZone });
  const seriesDay = new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', timeZone });
  return {
    locale: credits.resolvedOptions().locale,
    credits: (value) => credits.format(value),
    percent: (value) => (value === null ? '—' : percent.format(value / 100)),
    // `to` is excluded: the last day shown is the one that contains the instant just before it.
    period: (window) => day.formatRange(new Date(window.from), new Date(Date.parse(window.to) - 1)),
    time: (at) => time.format(new Date(at)),
    wholePercent: (fraction) => wholePercent.format(fraction),
    day: (epochMs) => shortDay.format(epochMs),
    instant: (at) => instant.format(new Date(at)),
    seriesDay: (at) => seriesDay.format(new Date(at)),
  };
}

export function useFormatters(locale: string | undefined, timeZone: string | undefined): Formatters {
  return useMemo(() => createFormatters(locale, timeZone), [locale, timeZone]);
}
