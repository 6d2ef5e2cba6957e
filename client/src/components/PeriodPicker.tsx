import { useState } from 'react';
import { NAMED_PERIODS } from '../../../shared/snapshot.js';
import { useI18n } from '../i18n/index.js';
import { isNamedPeriod, type PeriodChoice } from '../lib/periods.js';

const OPTIONS = [...NAMED_PERIODS, '6m', 'custom'] as const;
type Option = (typeof OPTIONS)[number];

function optionOf(choice: PeriodChoice): Option {
  return choice.type === 'named' ? choice.period : choice.type === 'sixMonths' ? '6m' : 'custom';
}

/** Named periods follow the live channel; six months and custom dates are read through the REST snapshot. */
export function PeriodPicker({ value, onChange }: { value: PeriodChoice; onChange: (choice: PeriodChoice) => void }) {
  const { t } = useI18n();
  const [option, setOption] = useState<Option>(optionOf(value));
  const [fromDate, setFrom] = useState(value.type === 'custom' ? value.fromDate : '');
  const [toDate, setTo] = useState(value.type === 'custom' ? value.toDate : '');

  const pick = (next: Option) => {
    setOption(next);
    if (next === '6m') onChange({ type: 'sixMonths' });
    else if (isNamedPeriod(next)) onChange({ type: 'named', period: next });
  };
  return (
    <div className="period-picker">
      <label>
        <span>{t('periodLabel')}</span>
        <select value={option} onChange={(e) => pick(e.target.value as Option)}>
          {OPTIONS.map((o) => <option key={o} value={o}>{t(`period_${o}`)}</option>)}
        </select>
      </label>
      {option === 'custom' && (
        <form className="custom-range" onSubmit={(e) => { e.preventDefault(); if (fromDate && toDate && fromDate <= toDate) onChange({ type: 'custom', fromDate, toDate }); }}>
          <label><span>{t('customFrom')}</span><input type="date" required value={fromDate} max={toDate || undefined} onChange={(e) => setFrom(e.target.value)} /></label>
          <label><span>{t('customTo')}</span><input type="date" required value={toDate} min={fromDate || undefined} onChange={(e) => setTo(e.target.value)} /></label>
          <button type="submit" className="small">{t('apply')}</button>
        </form>
      )}
    </div>
  );
}
