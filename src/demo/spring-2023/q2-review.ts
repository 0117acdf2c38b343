/**
 * The second quarter's review, as for the quarterly review meeting the article reports
 * (全市建设系统市区联动工作季度讲评会): drafted by the supervision office after the quarter,
 * one appeal from the Xiang'an group about an item counted overdue, upheld with its points
 * returned, and published by the bureau's leadership.
 */
export const Q2_REVIEW = {
  draft: {
    period: '2023-Q2',
    title: '2023年第二季度全市建设系统市区联动工作季度讲评',
    draftedBy: '市建设局督查室',
    occurredAt: '2023-07-03T09:30:00+08:00',
  },
  appeal: {
    district: 'xiangan',
    reason: '该事项整改期限内遇连续强降雨停工，延期申请已于6月下旬报区建设局，未及时登记，不应计为逾期未销号',
    filedBy: '驻翔安区工作组',
    occurredAt: '2023-07-04T10:00:00+08:00',
  },
  appealClaim: '强降雨停工，延期申请已报区建设局',
  decision: {
    upheld: true,
    comment:
      '经核实，停工及延期申请情况属实，返还“无逾期未销号”一项扣分；请驻翔安区工作组补录延期并尽快销号。',
    adjustments: [{ district: 'xiangan', measure: 'overdue', delta: 4 }],
    decidedBy: '市建设局分管局领导',
    occurredAt: '2023-07-04T16:00:00+08:00',
  },
  publication: {
    comment: '在全市建设系统市区联动工作季度讲评会上通报晾晒。',
    publishedBy: '市建设局局长',
    occurredAt: '2023-07-05T09:00:00+08:00',
  },
} as const;
