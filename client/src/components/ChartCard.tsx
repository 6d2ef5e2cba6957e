import { useRef, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/index.js';
import { downloadUrl, elementPng } from '../lib/download.js';
import { useExportFileName } from './ExportPeriod.js';

interface Props {
  title: string;
  /** Shows the PNG export button (presenter and dashboard, not the wall display). */
  exportable?: boolean;
  className?: string;
  children: ReactNode;
}

export function ChartCard({ title, exportable = false, className = '', children }: Props) {
  const { t } = useI18n();
  const fileName = useExportFileName();
  const ref = useRef<HTMLElement>(null);
  const [busy, setBusy] = useState(false);

  const exportPng = async () => {
    if (!ref.current) return;
    setBusy(true);
    try {
      downloadUrl(await elementPng(ref.current), fileName(title, 'png'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section ref={ref} className={`card chart-card ${className}`} aria-label={title}>
      <header className="card-header">
        <h2>{title}</h2>
        {exportable && (
          <button type="button" className="small" data-no-export onClick={exportPng} disabled={busy}>
            {t('exportPng')}
          </button>
        )}
      </header>
      {children}
    </section>
  );
}
