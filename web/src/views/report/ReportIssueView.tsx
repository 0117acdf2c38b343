import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/http';
import type { CommandAnswer } from '../../api/types';
import { CATEGORIES, DISTRICTS, SEVERITIES, SOURCES } from '../../api/vocabulary';
import { appPath, navigate } from '../../app/router';
import { ownDistrict } from '../../auth/roles';
import { useUser } from '../../auth/session';
import { CommandForm } from '../../components/CommandForm';
import type { FieldSpec } from '../../components/form-fields';
import { PageTitle } from '../../components/PageTitle';
import { useLabels } from '../../i18n/labels';

/** Report an issue (POST /issues); a district user reports in its own district. */
export default function ReportIssueView() {
  const { t } = useTranslation();
  const labels = useLabels();
  const user = useUser();
  const own = ownDistrict(user);
  const fields = useMemo<FieldSpec[]>(
    () => [
      { name: 'title', kind: 'text', required: true },
      { name: 'description', kind: 'textarea' },
      { name: 'category', kind: 'select', required: true, options: CATEGORIES, optionLabel: labels.category },
      { name: 'severity', kind: 'select', required: true, options: SEVERITIES, optionLabel: labels.severity },
      {
        name: 'district',
        kind: 'select',
        required: true,
        options: own ? [own] : DISTRICTS,
        optionLabel: labels.district,
      },
      { name: 'site', kind: 'text' },
      { name: 'source', kind: 'select', required: true, options: SOURCES, optionLabel: labels.source },
      { name: 'reportedBy', kind: 'text', hint: 'hints.actingFor' },
      { name: 'occurredAt', kind: 'datetime', hint: 'hints.occurredAt' },
    ],
    // labels change with the language
    [labels, own],
  );
  const initial = useMemo(
    () => ({ district: own ?? '', reportedBy: user.displayName }),
    [own, user.displayName],
  );
  const send = useCallback(
    (body: Record<string, unknown>, key: string) => post<CommandAnswer>('/issues', body, key),
    [],
  );
  const onDone = useCallback((answer: CommandAnswer) => {
    if (answer.issueId) navigate(appPath('issues', answer.issueId));
  }, []);
  return (
    <section className="narrow">
      <PageTitle>{t('report.title')}</PageTitle>
      <CommandForm
        id="report-issue"
        fields={fields}
        initial={initial}
        submitLabel={t('report.submit')}
        send={send}
        onDone={onDone}
      />
    </section>
  );
}
