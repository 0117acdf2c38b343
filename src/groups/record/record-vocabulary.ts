/**
 * The daily record's closed vocabularies, as shared/API-reviews.md spells them. Arrays (not
 * just types) so DTO validation, the projection and the exports can list the allowed values.
 */
export const ACTIVITY_KINDS = [
  'on-site',
  'training',
  'on-site-teaching',
  'seminar',
  'technical-guidance',
  'expert-consultation',
  'joint-inspection',
  'surprise-inspection',
  'knowledge-contest',
  'exchange',
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/** The Chinese names the bureau uses, for the exports and the printable page. */
export const ACTIVITY_KIND_NAMES: Readonly<Record<ActivityKind, string>> = {
  'on-site': '下沉一线',
  training: '培训宣贯',
  'on-site-teaching': '现场实操教学',
  seminar: '政策宣贯及经验分享座谈会',
  'technical-guidance': '技术研讨和业务指导',
  'expert-consultation': '专家咨询',
  'joint-inspection': '联合检查服务指导',
  'surprise-inspection': '突击性检查',
  'knowledge-contest': '知识竞赛',
  exchange: '交流观摩、跟班学习、师徒结对',
};

/** A practice passed between city and district (互学互鉴). */
export const PRACTICE_DIRECTIONS = ['adopted-from-city', 'promoted-to-city'] as const;
export type PracticeDirection = (typeof PRACTICE_DIRECTIONS)[number];

export const PRACTICE_DIRECTION_NAMES: Readonly<Record<PracticeDirection, string>> = {
  'adopted-from-city': '区级转化吸收市级制度',
  'promoted-to-city': '市级推广区级经验',
};

/** On-site time is recorded in half days. */
export const ON_SITE_DAYS = [0.5, 1] as const;
