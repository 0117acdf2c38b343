import type { FieldSpec } from '../../components/form-fields';

/** The reviews' forms (shared/API-reviews.md, "Reviews"). */
export const draftFields: FieldSpec[] = [
  { name: 'period', kind: 'text', required: true, hint: 'hints.reviewPeriod', placeholder: '2023-Q2' },
  { name: 'title', kind: 'text' },
];

/** "<issue id> <claim>" per line. */
const issueClaim = (line: string) => {
  const [issueId, ...claim] = line.split(/\s+/);
  return { issueId, claim: claim.join(' ') };
};

/** "<district> <measure> <delta>" per line, e.g. "siming onTime 2.5". */
const adjustment = (line: string) => {
  const [district, measure, delta] = line.split(/\s+/);
  return { district, measure, delta: Number(delta) };
};

export const appealFields = (
  district: string | null,
  districts: readonly string[],
  label: (d: string) => string,
): FieldSpec[] => [
  {
    name: 'district',
    kind: 'select',
    required: true,
    options: district ? [district] : districts,
    optionLabel: label,
  },
  { name: 'reason', kind: 'textarea', required: true },
  { name: 'items', kind: 'list', parseLine: issueClaim, hint: 'hints.appealItems' },
];

export const decisionFields: FieldSpec[] = [
  { name: 'upheld', kind: 'yesno', required: true, yes: 'review.upheld', no: 'review.dismissed' },
  { name: 'comment', kind: 'textarea', required: true },
  {
    name: 'adjustments',
    kind: 'list',
    parseLine: adjustment,
    hint: 'hints.adjustments',
    when: (v) => v.upheld === 'true',
  },
];

export const publicationFields: FieldSpec[] = [{ name: 'comment', kind: 'textarea' }];
