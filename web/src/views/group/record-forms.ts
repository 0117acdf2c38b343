import type { TFunction } from 'i18next';
import { ACTIVITY_KINDS, PRACTICE_DIRECTIONS } from '../../api/vocabulary';
import type { FieldSpec } from '../../components/form-fields';

/** The daily record's forms (shared/API-reviews.md, "The daily record"). */
export const activityFields = (t: TFunction): FieldSpec[] => [
  {
    name: 'kind',
    kind: 'select',
    required: true,
    options: ACTIVITY_KINDS,
    optionLabel: (v) => t(`activityKind.${v}`),
  },
  { name: 'date', kind: 'date', required: true },
  {
    name: 'days',
    kind: 'select',
    options: [1, 0.5],
    optionLabel: (v) => t(v === '1' ? 'record.fullDay' : 'record.halfDay'),
    when: (v) => v.kind === 'on-site',
  },
  { name: 'site', kind: 'text' },
  { name: 'topic', kind: 'text', required: true, when: (v) => v.kind !== 'on-site' && v.kind !== '' },
  { name: 'participants', kind: 'number', min: 0, step: 1, when: (v) => v.kind !== 'on-site' },
  { name: 'members', kind: 'list', hint: 'hints.onePerLine' },
  { name: 'summary', kind: 'textarea' },
  { name: 'issueIds', kind: 'list', hint: 'hints.issueIds' },
];

export const practiceFields = (t: TFunction): FieldSpec[] => [
  {
    name: 'direction',
    kind: 'select',
    required: true,
    options: PRACTICE_DIRECTIONS,
    optionLabel: (v) => t(`practiceDirection.${v}`),
  },
  { name: 'title', kind: 'text', required: true },
  { name: 'date', kind: 'date', required: true },
  { name: 'summary', kind: 'textarea' },
];

export const withdrawalFields: FieldSpec[] = [{ name: 'reason', kind: 'textarea', required: true }];
