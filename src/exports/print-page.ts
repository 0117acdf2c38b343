import type { PerformanceRow, PublishedFormula } from '../groups/performance/performance-answer';
import type { AppealState } from '../reviews/domain/review-state';
import { appealRow, rankingColumns, rankingRow } from './review-sheets';
import { cellText } from './sheet-spec';

/** The tie rules' figures as the ranking's columns name them. */
const TIE_FIELD_NAMES: Record<string, string> = {
  onTimeRate: '按期销号率',
  openOverdue: '逾期未销号',
  onSiteDays: '下沉一线天数',
  closed: '销号数',
  difficultiesResolved: '技术难点销号',
};

const escape = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

const shanghai = (iso: string | null): string =>
  iso ? new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ') : '';

export interface PrintInput {
  title: string;
  period: string;
  status: 'draft' | 'published';
  asOf: string;
  position: number;
  rows: PerformanceRow[];
  formula: PublishedFormula;
  appeals: AppealState[];
  publishedAt: string | null;
  publishedBy: string | null;
  comment: string | null;
  groupName(district: string): string;
}

/**
 * The review as the bureau prints it for the leadership meeting: the title, the period and
 * its status, the ranking with each measure's points, the formula it was scored by, and the
 * appeals with their outcome. A4 landscape, Chinese fonts, nothing that needs a script.
 */
export function printPage(input: PrintInput): string {
  const columns = rankingColumns(input.formula).slice(0, 3 + input.formula.measures.length + 9);
  const header = columns.map((c) => `<th>${escape(c.header)}</th>`).join('');
  const body = input.rows
    .map((row) => {
      const cells = rankingRow(row);
      return `<tr>${columns.map((c) => `<td>${escape(cellText(c, cells[c.key]))}</td>`).join('')}</tr>`;
    })
    .join('\n');
  const appeals = input.appeals.length
    ? `<ol>${input.appeals
        .map((a) => {
          const r = appealRow(a, input);
          return `<li><strong>${escape(String(r.group))}</strong>：${escape(a.reason)}<br>处理结果：${escape(String(r.result))}${
            r.comment ? `（${escape(String(r.comment))}）` : ''
          }${r.adjustments ? `；分值调整：${escape(String(r.adjustments))}` : ''}</li>`;
        })
        .join('\n')}</ol>`
    : '<p>本期无申诉。</p>';
  const measures = input.formula.measures.map((m) => `${escape(m.name)} ${m.weight}分`).join('，');
  const status =
    input.status === 'published'
      ? `已发布（${shanghai(input.publishedAt)}${input.publishedBy ? `，${escape(input.publishedBy)}` : ''}）`
      : '草稿（未发布）';
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${escape(input.title)}</title>
<style>
  @page { size: A4 landscape; margin: 15mm; }
  body { font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", serif; color: #000; margin: 0 auto; max-width: 1200px; }
  h1 { font-family: "SimHei", "Heiti SC", "Noto Sans CJK SC", sans-serif; font-size: 22pt; text-align: center; margin: 0 0 4mm; }
  .meta { text-align: center; font-size: 11pt; margin-bottom: 6mm; }
  table { border-collapse: collapse; width: 100%; font-size: 10pt; }
  th, td { border: 1px solid #000; padding: 2mm 1.5mm; text-align: center; }
  th { background: #eee; }
  thead { display: table-header-group; }
  tr { page-break-inside: avoid; }
  h2 { font-size: 14pt; margin: 8mm 0 3mm; }
  .formula, .note { font-size: 10pt; }
</style>
</head>
<body>
<h1>${escape(input.title)}</h1>
<div class="meta">考核期间：${escape(input.period)} ｜ 状态：${status} ｜ 数据截至：${shanghai(input.asOf)}（日志位置 ${input.position}）</div>
<table>
<thead><tr>${header}</tr></thead>
<tbody>
${body}
</tbody>
</table>
<p class="formula">评分办法：${escape(input.formula.name)}（版本 ${escape(input.formula.version)}）：${measures}，满分100分；同分依次比较${input.formula.ties
    .map((t) => escape(`${TIE_FIELD_NAMES[t.field]}${t.order === 'desc' ? '高者' : '低者'}在前`))
    .join('、')}，仍相同者并列。</p>
<h2>申诉情况</h2>
${appeals}
${input.comment ? `<p class="note">发布说明：${escape(input.comment)}</p>` : ''}
</body>
</html>
`;
}
