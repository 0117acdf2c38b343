import type { Category, IssueStatus, Severity } from '../issues/domain/vocabulary';

/** The bureau's words for the engine's vocabularies, for spreadsheets and print-outs. */
export const CATEGORY_NAMES: Readonly<Record<Category, string>> = {
  'on-site-rectification': '发现问题立行立改',
  'key-project': '重点项目联合推动',
  'safety-emergency': '安全生产应急管理',
  'petition-complaint': '信访投诉协同处理',
  'technical-difficulty': '技术难点堵点',
};

export const SEVERITY_NAMES: Readonly<Record<Severity, string>> = {
  low: '一般',
  medium: '较重',
  high: '严重',
  critical: '特别严重',
};

export const STATUS_NAMES: Readonly<Record<IssueStatus, string>> = {
  open: '待处置',
  'in-progress': '整改中',
  'awaiting-verification': '待验收',
  closed: '已销号',
};

export const ESCALATION_LEVEL_NAMES: Readonly<Record<number, string>> = {
  0: '未升级',
  1: '区建设局',
  2: '市局处室',
  3: '局领导',
};

export const ENTRY_STATUS_NAMES = { recorded: '有效', corrected: '已更正', withdrawn: '已撤回' } as const;
