/** Every number and date the UI shows goes through here, so locale rules live in one place. */
export type Lang = 'vi' | 'en';

const LOCALES: Record<Lang, string> = { vi: 'vi-VN', en: 'en-GB' };

export interface Formatter {
  /** 1.895 (vi) / 1,895 (en); '–' for null. */
  count(value: number | null): string;
  /** A rate in [0, 1] as 87,11 % (vi) / 87.11% (en); '–' for null. */
  percent(rate: number | null, digits?: number): string;
  /** A score on the 0–100 scale with one decimal. */
  score(value: number | null): string;
  /** A signed change: +12, −3, +1,5 điểm %… */
  signed(value: number, digits?: number): string;
  /** dd/MM/yyyy in the configured time zone. */
  date(iso: string | Date): string;
  /** HH:mm:ss, 24-hour. */
  time(iso: string | Date): string;
  /** HH:mm, 24-hour. */
  hourMinute(iso: string | Date): string;
  /** dd/MM/yyyy HH:mm. */
  dateTime(iso: string | Date): string;
  /** dd/MM, for chart axes. */
  dayMonth(iso: string | Date): string;
  /** A calendar date (yyyy-MM-dd, in no time zone) with its weekday: "Thứ Hai, 27/04/2026", "Monday, 27/04/2026". */
  day(date: string): string;
}

const DASH = '–';
const MINUS = '−';

export function createFormatter(lang: Lang, timeZone: string): Formatter {
  const locale = LOCALES[lang];
  const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  // Kept per number of digits: a NumberFormat costs far more to make than to use (tables format hundreds of cells).
  const byDigits = new Map<number, Intl.NumberFormat>();
  const decimals = (digits: number) => {
    let format = byDigits.get(digits);
    if (!format) {
      format = new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
      byDigits.set(digits, format);
    }
    return format;
  };
  const oneDecimal = decimals(1);
  const dateParts = new Intl.DateTimeFormat('en-GB', {
    timeZone, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
  });
  // Built by hand from parts: the dd/MM/yyyy order and 24-hour clock must not depend on the browser's locale data.
  const parts = (value: string | Date) => {
    const map: Record<string, string> = {};
    for (const part of dateParts.formatToParts(typeof value === 'string' ? new Date(value) : value)) map[part.type] = part.value;
    return map as Record<'day' | 'month' | 'year' | 'hour' | 'minute' | 'second', string>;
  };
  const weekday = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' });
  const percentSuffix = lang === 'vi' ? '\u00a0%' : '%';
  return {
    count: (value) => (value === null ? DASH : integer.format(value)),
    percent: (rate, digits = 2) => (rate === null ? DASH : decimals(digits).format(rate * 100) + percentSuffix),
    score: (value) => (value === null ? DASH : oneDecimal.format(value)),
    signed: (value, digits = 0) => {
      const text = decimals(digits).format(Math.abs(value));
      if (Number(text.replace(/\D/g, '')) === 0) return text;
      return (value > 0 ? '+' : MINUS) + text;
    },
    date: (value) => {
      const p = parts(value);
      return `${p.day}/${p.month}/${p.year}`;
    },
    time: (value) => {
      const p = parts(value);
      return `${p.hour}:${p.minute}:${p.second}`;
    },
    hourMinute: (value) => {
      const p = parts(value);
      return `${p.hour}:${p.minute}`;
    },
    dateTime: (value) => {
      const p = parts(value);
      return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
    },
    dayMonth: (value) => {
      const p = parts(value);
      return `${p.day}/${p.month}`;
    },
    day: (date) => {
      const [year = '', month = '', day = ''] = date.split('-');
      const name = weekday.format(new Date(Date.UTC(Number(year), Number(month) - 1, Number(day))));
      return `${name.charAt(0).toLocaleUpperCase(locale)}${name.slice(1)}, ${day}/${month}/${year}`;
    },
  };
}
