import { useTranslation } from 'react-i18next';

/**
 * The words for the contract's values. Each vocabulary has its own key prefix; the
 * translation test checks every value of every vocabulary has a word in each language.
 */
export const VOCABULARY_PREFIXES = {
  district: 'district',
  category: 'category',
  severity: 'severity',
  source: 'source',
  status: 'status',
  meetingKind: 'meetingKind',
  remediationStatus: 'remediationStatus',
  light: 'light',
  level: 'level',
  trigger: 'trigger',
  role: 'role',
  activityKind: 'activityKind',
  practiceDirection: 'practiceDirection',
  reviewStatus: 'reviewStatus',
  eventType: 'eventType',
} as const;

type Vocabulary = keyof typeof VOCABULARY_PREFIXES;

export function useLabels(): Record<Vocabulary, (value: string | number | null | undefined) => string> {
  const { t } = useTranslation();
  const label = (prefix: string) => (value: string | number | null | undefined) =>
    value === null || value === undefined || value === ''
      ? '—'
      : t(`${prefix}.${value}`, { defaultValue: String(value) });
  return Object.fromEntries(
    Object.entries(VOCABULARY_PREFIXES).map(([name, prefix]) => [name, label(prefix)]),
  ) as Record<Vocabulary, (value: string | number | null | undefined) => string>;
}
