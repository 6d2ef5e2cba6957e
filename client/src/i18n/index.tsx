import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { vi, type MessageKey, type Messages } from './vi.js';
import { en } from './en.js';
import { createFormatter, type Formatter, type Lang } from '../lib/format.js';

const MESSAGES: Record<Lang, Messages> = { vi, en };
const STORAGE_KEY = 'motcua.lang';

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** Fills `{name}` placeholders; a missing value leaves the placeholder visible so the gap is noticed. */
export function interpolate(text: string, vars?: Record<string, string | number>): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: Translate;
  fmt: Formatter;
}

const I18nContext = createContext<I18n | null>(null);

function storedLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

export function I18nProvider({ timeZone, children }: { timeZone: string; children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(storedLang);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // private mode: the choice lasts for this page only
    }
  }, []);
  const value = useMemo<I18n>(() => {
    const messages = MESSAGES[lang];
    document.documentElement.lang = lang;
    return { lang, setLang, t: (key, vars) => interpolate(messages[key], vars), fmt: createFormatter(lang, timeZone) };
  }, [lang, setLang, timeZone]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
