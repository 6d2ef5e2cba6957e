import { useState } from 'react';
import { NAMED_PERIODS } from '../../../shared/snapshot.js';
import { useI18n } from '../i18n/index.js';
import { isNamedPeriod, type PeriodChoice } from '../lib/periods.js';

const OPTIONS = [...NAMED_PERIODS, '6m', 'custom'] as const;
type Option = (typeof OPTIONS)[number];

function optionOf(choice: PeriodChoice): Option {
  return choice.type === 'named' ? choice.period : choice.type === 'sixMonths' ? '6m' : 'custom';
}

/**
 * The period and, with `compare` (pages that show a comparison), what it is compared with: the period before, or
 * the same period a year before. Named periods follow the live channel; six months and custom dates are read
 * through the REST snapshot.
 */
export function PeriodPicker({ value, onChange, compare = false }: { value: PeriodChoice; onChange: (choice: PeriodChoice) => void; compare?: boolean }) {
  const { t } = useI18n();
  const [option, setOption] = useState<Option>(optionOf(value));
  const [fromDate, setFrom] = useState(value.type === 'custom' ? value.fromDate : '');
  const [toDate, setTo] = useState(value.type === 'custom' ? value.toDate : '');
  const versus = value.versus === 'yearAgo' ? { versus: 'yearAgo' as const } : {};

  const pick = (next: Option) => {
    setOption(next);
    if (next === '6m') onChange({ type: 'sixMonths', ...versus });
    else if (isNamedPeriod(next)) onChange({ type: 'named', period: next, ...versus });
  };
  const compareWith = (yearAgo: boolean) => {
    const { versus: _dropped, ...period } = value;
    onChange(yearAgo ? { ...period, versus: 'yearAgo' } : period);
  };
  return (
    <div className="period-picker">
      <label>
        <span>{t('periodLabel')}</span>
        <select value={option} onChange={(e) => pick(e.target.value as Option)}>
          {OPTIONS.map((o) => <option key={o} value={o}>{t(`period_${o}`)}</option>)}
        </select>
      </label>
      {compare && (
        <label>
          <span>{t('compareLabel')}</span>
          <select value={value.versus ?? 'previous'} onChange={(e) => compareWith(e.target.value === 'yearAgo')}>
            <option value="previous">{t('compare_previous')}</option>
            <option value="yearAgo">{t('compare_yearAgo')}</option>
          </select>
        </label>
      )}
      {option === 'custom' && (
        <form className="custom-range" onSubmit={(e) => { e.preventDefault(); if (fromDate && toDate && fromDate <= toDate) onChange({ type: 'custom', fromDate, toDate, ...versus }); }}>
          <label><span>{t('customFrom')}</span><input type="date" required value={fromDate} max={toDate || undefined} onChange={(e) => setFrom(e.target.value)} /></label>
          <label><span>{t('customTo')}</span><input type="date" required value={toDate} min={fromDate || undefined} onChange={(e) => setTo(e.target.value)} /></label>
          <button type="submit" className="small">{t('apply')}</button>
        </form>
      )}
    </div>
  );
}
