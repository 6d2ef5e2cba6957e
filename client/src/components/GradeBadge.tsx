import type { Grade } from '../../../shared/figures.js';
import { useI18n } from '../i18n/index.js';

/** A grade is never told by colour alone: the badge always carries its name. */
export function GradeBadge({ grade }: { grade: Grade | null }) {
  const { t } = useI18n();
  return <span className={`grade grade-${grade ?? 'none'}`}>{t(grade ? `grade_${grade}` : 'grade_none')}</span>;
}
