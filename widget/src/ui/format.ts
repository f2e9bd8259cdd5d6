import { useMemo } from 'react';

export interface Formatters {
  credits(value: number): string;
  /** `percent` is already rounded by the server (siblings sum to 100.0); this only prints it. */
  percent(value: number | null): string;
}

export function createFormatters(locale: string | undefined): Formatters {
  const credits = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return {
    credits: (value) => credits.format(value),
    percent: (value) => (value === null ? '—' : percent.format(value / 100)),
  };
}

export function useFormatters(locale: string | undefined): Formatters {
  return useMemo(() => createFormatters(locale), [locale]);
}
