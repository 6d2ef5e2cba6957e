import { useI18n } from '../i18n/index.js';
import { sheetName, toCsv, type ExportTable } from '../lib/csv.js';
import { downloadBlob } from '../lib/download.js';
import { useExportFileName } from './ExportPeriod.js';

/** CSV (UTF-8 with BOM) and XLSX downloads of a table; the XLSX writer is loaded only when asked for. */
export function ExportButtons({ table }: { table: () => ExportTable }) {
  const { t } = useI18n();
  const fileName = useExportFileName();
  const csv = () => {
    const data = table();
    downloadBlob(new Blob([toCsv(data)], { type: 'text/csv;charset=utf-8' }), fileName(data.name, 'csv'));
  };
  const xlsx = async () => {
    const data = table();
    const { default: writeXlsxFile } = await import('write-excel-file/browser');
    const header = data.columns.map((value) => ({ value, fontWeight: 'bold' as const }));
    const rows = data.rows.map((row) => row.map((value) => (value === null ? null : { value })));
    const blob = await writeXlsxFile([header, ...rows], { sheet: sheetName(data.name), columns: data.columns.map((c) => ({ width: Math.max(10, c.length + 2) })) }).toBlob();
    downloadBlob(blob, fileName(data.name, 'xlsx'));
  };
  return (
    <span className="export-buttons" data-no-export>
      <button type="button" className="small" onClick={csv}>{t('exportCsv')}</button>
      <button type="button" className="small" onClick={() => void xlsx()}>{t('exportXlsx')}</button>
    </span>
  );
}
