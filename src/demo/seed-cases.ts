import type { Category, District, MeetingKind, Severity, Source } from '../issues/domain/vocabulary';

/**
 * The demo as scripts: one scenario per issue, its report and then its commands in time
 * order, with bodies exactly as a client sends them (shared/API.md). Remediation items are
 * named by a local label (`item`) because their ids are only known once the server answers.
 * Every body carries `occurredAt`, business time in Asia/Shanghai office hours of Q1 2023.
 */
export interface ReportBody {
  title: string;
  description?: string;
  category: Category;
  severity: Severity;
  district: District;
  site?: string;
  source: Source;
  reportedBy: string;
  occurredAt: string;
}

export type DemoStep =
  | {
      command: 'meeting';
      body: {
        kind: MeetingKind;
        heldAt: string;
        convenedBy: string;
        attendees: string[];
        summary?: string;
        decisions?: string[];
        occurredAt: string;
      };
    }
  | {
      command: 'remediation';
      item: string;
      body: { responsibleUnit: string; action: string; dueAt: string; assignedBy: string; occurredAt: string };
    }
  | { command: 'completion'; item: string; body: { reportedBy: string; evidence?: string; occurredAt: string } }
  | {
      command: 'verification';
      item: string;
      body: { verifiedBy: string; accepted: boolean; comment?: string; occurredAt: string };
    }
  | {
      command: 'extension';
      item: string;
      body: { newDueAt: string; reason: string; approvedBy: string; occurredAt: string };
    }
  | { command: 'escalation'; body: { by: string; reason: string; occurredAt: string } }
  | {
      command: 'closure';
      body: { closedBy: string; resolution: string; force?: boolean; occurredAt: string };
    };

export interface DemoScenario {
  /** Stable and unique: idempotency keys are derived from it, so never renumber. */
  key: string;
  report: ReportBody;
  steps: DemoStep[];
}

/** '03-06', '09:10' → '2023-03-06T09:10:00+08:00' (Xiamen keeps no daylight saving). */
export const q1 = (monthDay: string, time: string): string => `2023-${monthDay}T${time}:00+08:00`;

// The four cases of the article (Xiamen Daily, 2023-07-05). The article dates the Huli,
// Haicang and Tong'an cases in April to June; the demo moves them into Q1 2023 so that one
// quarter's board and ranking tell the whole story.

const siming: DemoScenario = {
  key: 'seed-siming-hecuo-road',
  report: {
    title: '何厝片区工地共用道路破损无人管养 (shared site road)',
    description:
      '何厝片区拆迁工地与在建工程之间共用道路通车量大，使用管理职责交叉，路面破损无人处理，晴天扬尘、雨天泥泞；区局和街道多次协调仍反复出现。',
    category: 'on-site-rectification',
    severity: 'high',
    district: 'siming',
    site: '何厝片区共用道路',
    source: 'inspection',
    reportedBy: '驻思明区工作组 组长',
    occurredAt: q1('03-06', '09:10'),
  },
  steps: [
    {
      command: 'meeting',
      body: {
        kind: 'site-coordination',
        heldAt: q1('03-06', '15:00'),
        convenedBy: '驻思明区工作组',
        attendees: ['驻思明区工作组', '思明区建设局', '何厝街道', '何厝安置房A地块 施工单位', '何厝安置房B地块 施工单位', '何厝拆迁工地 拆除单位'],
        summary: '现场召集各工地研究共用道路管养，明确责任、集资修缮。',
        decisions: [
          '各工地按出入口位置划定共用道路责任管理路段',
          '各工地按用路量集资修缮破损路面',
          '完善道路排水措施，增设排水沟和沉淀池',
          '各工地落实每日清扫、洒水保洁',
        ],
        occurredAt: q1('03-06', '15:00'),
      },
    },
    { command: 'remediation', item: 'a', body: { responsibleUnit: '何厝安置房A地块 施工单位', action: '修缮责任路段 K0+000–K0+260 破损路面', dueAt: q1('03-13', '17:30'), assignedBy: '思明区建设局', occurredAt: q1('03-06', '16:30') } },
    { command: 'remediation', item: 'b', body: { responsibleUnit: '何厝安置房B地块 施工单位', action: '修缮责任路段 K0+260–K0+480 破损路面', dueAt: q1('03-13', '17:30'), assignedBy: '思明区建设局', occurredAt: q1('03-06', '16:35') } },
    { command: 'remediation', item: 'c', body: { responsibleUnit: '何厝拆迁工地 拆除单位', action: '增设排水沟及三级沉淀池，雨水不再漫流路面 (drainage)', dueAt: q1('03-10', '17:30'), assignedBy: '思明区建设局', occurredAt: q1('03-06', '16:40') } },
    { command: 'remediation', item: 'd', body: { responsibleUnit: '何厝片区各工地 (A、B地块及拆迁工地)', action: '建立每日清扫、洒水保洁轮值表并执行 (daily cleaning)', dueAt: q1('03-08', '17:30'), assignedBy: '驻思明区工作组', occurredAt: q1('03-06', '16:45') } },
    { command: 'completion', item: 'd', body: { reportedBy: '何厝安置房A地块 项目经理', evidence: '轮值表及3月7日、8日保洁照片', occurredAt: q1('03-08', '16:00') } },
    { command: 'verification', item: 'd', body: { verifiedBy: '驻思明区工作组', accepted: true, comment: '现场抽查路面整洁', occurredAt: q1('03-09', '10:00') } },
    { command: 'completion', item: 'c', body: { reportedBy: '何厝拆迁工地 项目负责人', evidence: '排水沟120米、沉淀池2座完工照片', occurredAt: q1('03-10', '15:30') } },
    { command: 'completion', item: 'a', body: { reportedBy: '何厝安置房A地块 项目经理', evidence: '路面修缮完工照片及费用分摊单', occurredAt: q1('03-10', '17:00') } },
    { command: 'completion', item: 'b', body: { reportedBy: '何厝安置房B地块 项目经理', evidence: '路面修缮完工照片', occurredAt: q1('03-13', '11:00') } },
    { command: 'verification', item: 'c', body: { verifiedBy: '思明区建设局', accepted: true, comment: '雨后复查无积水', occurredAt: q1('03-13', '15:00') } },
    { command: 'verification', item: 'a', body: { verifiedBy: '思明区建设局', accepted: true, occurredAt: q1('03-14', '09:30') } },
    { command: 'verification', item: 'b', body: { verifiedBy: '思明区建设局', accepted: true, occurredAt: q1('03-14', '09:40') } },
    { command: 'closure', body: { closedBy: '驻思明区工作组 组长', resolution: '共用道路责任分段、集资修缮、排水和日常保洁全部落实，8天完成提升，销号。', occurredAt: q1('03-14', '10:00') } },
  ],
};

const huliSoiling: DemoScenario = {
  key: 'seed-huli-zhongzhai-uncivil',
  report: {
    title: '钟宅片区市管工程文明施工差、渣土车污染路面',
    description: '湖里区反映：钟宅片区市管工程项目文明施工较差，渣土车带泥上路污染路面，多次被市扬尘考评办、市环委办检查通报，不满足创建文明城市要求。',
    category: 'on-site-rectification',
    severity: 'high',
    district: 'huli',
    site: '钟宅片区市管工程',
    source: 'referral',
    reportedBy: '湖里区建设局',
    occurredAt: q1('03-09', '10:20'),
  },
  steps: [
    {
      command: 'meeting',
      body: {
        kind: 'summons',
        heldAt: q1('03-10', '09:30'),
        convenedBy: '驻湖里区工作组',
        attendees: ['驻湖里区工作组', '湖里区建设局', '钟宅安置房一期 施工单位', '钟宅片区道路 施工单位', '钟宅片区 渣土运输单位', '钟宅片区 监理单位'],
        summary: '约谈钟宅片区市管工程相关单位，提出文明施工整改要求。',
        decisions: ['出入口设冲洗平台和沉淀池，车辆冲净出场', '渣土车全密闭运输', '围挡补齐、裸土覆盖'],
        occurredAt: q1('03-10', '09:30'),
      },
    },
    { command: 'remediation', item: 'wash', body: { responsibleUnit: '钟宅安置房一期 施工单位', action: '出入口设置硬化冲洗平台及三级沉淀池', dueAt: q1('03-15', '17:30'), assignedBy: '驻湖里区工作组', occurredAt: q1('03-10', '11:00') } },
    { command: 'remediation', item: 'trucks', body: { responsibleUnit: '钟宅片区 渣土运输单位', action: '渣土车全密闭改装，出场前冲洗并登记', dueAt: q1('03-14', '17:30'), assignedBy: '驻湖里区工作组', occurredAt: q1('03-10', '11:05') } },
    { command: 'remediation', item: 'fence', body: { responsibleUnit: '钟宅片区道路 施工单位', action: '补齐施工围挡，裸土100%覆盖防尘网', dueAt: q1('03-17', '17:30'), assignedBy: '湖里区建设局', occurredAt: q1('03-10', '11:10') } },
    { command: 'completion', item: 'trucks', body: { reportedBy: '渣土运输单位 负责人', evidence: '23辆渣土车密闭改装清单', occurredAt: q1('03-13', '16:00') } },
    { command: 'completion', item: 'wash', body: { reportedBy: '钟宅安置房一期 项目经理', evidence: '冲洗平台照片', occurredAt: q1('03-14', '15:00') } },
    { command: 'verification', item: 'trucks', body: { verifiedBy: '湖里区建设局', accepted: true, occurredAt: q1('03-14', '16:30') } },
    { command: 'verification', item: 'wash', body: { verifiedBy: '驻湖里区工作组', accepted: false, comment: '冲洗平台未硬化、沉淀池未接通，车辆仍带泥上路 (rejected)', occurredAt: q1('03-15', '10:00') } },
    { command: 'extension', item: 'fence', body: { newDueAt: q1('03-24', '17:30'), reason: '连续降雨，围挡基础和防尘网覆盖无法施工', approvedBy: '湖里区建设局 分管副局长', occurredAt: q1('03-16', '09:00') } },
    { command: 'completion', item: 'wash', body: { reportedBy: '钟宅安置房一期 项目经理', evidence: '平台硬化、沉淀池接通后复拍照片及视频', occurredAt: q1('03-17', '11:00') } },
    { command: 'verification', item: 'wash', body: { verifiedBy: '驻湖里区工作组', accepted: true, comment: '复查合格', occurredAt: q1('03-17', '16:00') } },
    { command: 'completion', item: 'fence', body: { reportedBy: '钟宅片区道路 项目经理', evidence: '围挡及覆盖照片', occurredAt: q1('03-23', '15:00') } },
    { command: 'verification', item: 'fence', body: { verifiedBy: '湖里区建设局', accepted: true, occurredAt: q1('03-24', '10:00') } },
    { command: 'closure', body: { closedBy: '驻湖里区工作组 组长', resolution: '约谈后三项整改全部验收，不文明施工问题解决，销号。', occurredAt: q1('03-24', '11:00') } },
  ],
};

const huliPetition: DemoScenario = {
  key: 'seed-huli-zhongzhai-petition',
  report: {
    title: '钟宅片区居民信访：夜间施工噪声及渣土撒漏',
    description: '区信访联动机制转来居民来信：钟宅片区工地夜间施工噪声扰民，渣土撒漏至小区门口道路。',
    category: 'petition-complaint',
    severity: 'medium',
    district: 'huli',
    site: '钟宅安置房一期',
    source: 'petition',
    reportedBy: '湖里区建设局 信访联动',
    occurredAt: q1('03-13', '09:00'),
  },
  steps: [
    {
      command: 'meeting',
      body: {
        kind: 'site-coordination',
        heldAt: q1('03-14', '14:30'),
        convenedBy: '湖里区建设局',
        attendees: ['湖里区建设局', '驻湖里区工作组', '钟宅社区', '钟宅安置房一期 施工单位', '信访人代表'],
        decisions: ['夜间施工须持证并公示，22时后停止高噪声作业', '小区门口道路每日两次清扫', '书面答复信访人'],
        occurredAt: q1('03-14', '14:30'),
      },
    },
    { command: 'remediation', item: 'noise', body: { responsibleUnit: '钟宅安置房一期 施工单位', action: '办理夜间施工许可并公示，调整高噪声工序至日间', dueAt: q1('03-20', '17:30'), assignedBy: '湖里区建设局', occurredAt: q1('03-14', '16:00') } },
    { command: 'remediation', item: 'reply', body: { responsibleUnit: '湖里区建设局', action: '书面答复信访人处理结果', dueAt: q1('03-27', '17:30'), assignedBy: '驻湖里区工作组', occurredAt: q1('03-14', '16:10') } },
    { command: 'completion', item: 'noise', body: { reportedBy: '钟宅安置房一期 项目经理', evidence: '夜间施工许可及公示照片', occurredAt: q1('03-17', '10:00') } },
    { command: 'verification', item: 'noise', body: { verifiedBy: '驻湖里区工作组', accepted: true, comment: '夜间回访无高噪声作业', occurredAt: q1('03-20', '10:00') } },
    { command: 'completion', item: 'reply', body: { reportedBy: '湖里区建设局 信访科', evidence: '答复意见书及送达回执', occurredAt: q1('03-22', '15:00') } },
    { command: 'verification', item: 'reply', body: { verifiedBy: '驻湖里区工作组', accepted: true, comment: '信访人表示满意', occurredAt: q1('03-23', '09:30') } },
    { command: 'closure', body: { closedBy: '湖里区建设局', resolution: '整改到位并答复信访人，办结。', occurredAt: q1('03-23', '10:00') } },
  ],
};

const haicang: DemoScenario = {
  key: 'seed-haicang-pile-testing',
  report: {
    title: '重点项目桩基检测选桩忽视桩长差异 (>40 m)，不符合“桩长相近”要求',
    description:
      '联合检查服务指导万泰养生堂、长庚医院护理楼两个重点项目时发现：同一单位工程灌注桩桩长差距很大（均超40米），责任单位选桩时未按桩基检测技术规范“桩长相近”要求分组，不能按“同一条件”选桩。',
    category: 'technical-difficulty',
    severity: 'high',
    district: 'haicang',
    site: '万泰养生堂项目、长庚医院护理楼项目',
    source: 'inspection',
    reportedBy: '驻海沧区工作组 组长',
    occurredAt: q1('02-14', '11:30'),
  },
  steps: [
    {
      command: 'meeting',
      body: {
        kind: 'joint-inspection',
        heldAt: q1('02-14', '14:30'),
        convenedBy: '驻海沧区工作组',
        attendees: ['驻海沧区工作组', '海沧区建设局', '万泰养生堂项目 建设单位', '长庚医院护理楼项目 建设单位', '桩基检测机构', '监理单位'],
        summary: '联合检查服务指导，通报选桩问题。',
        decisions: ['委托行业协会组织专家咨询桩基检测方案', '专家意见出具前暂停按原方案检测'],
        occurredAt: q1('02-14', '14:30'),
      },
    },
    {
      command: 'meeting',
      body: {
        kind: 'expert-consultation',
        heldAt: q1('02-21', '09:30'),
        convenedBy: '市建设行业协会',
        attendees: ['市建设行业协会 专家组', '驻海沧区工作组', '两项目 建设、设计、检测、监理单位'],
        summary: '专家咨询桩基检测方案，并讨论方桩第一节桩出现二类桩的处理。',
        decisions: ['按桩长分组、同一条件下重新选取检测桩', '方桩第一节二类桩由设计单位复核承载力后提出处理意见'],
        occurredAt: q1('02-21', '09:30'),
      },
    },
    { command: 'remediation', item: 'wantai', body: { responsibleUnit: '万泰养生堂项目 桩基检测机构', action: '按专家咨询意见分组重新选取检测桩，方案报监理审核', dueAt: q1('03-03', '17:30'), assignedBy: '驻海沧区工作组', occurredAt: q1('02-21', '14:00') } },
    { command: 'remediation', item: 'changgung', body: { responsibleUnit: '长庚医院护理楼项目 桩基检测机构', action: '按专家咨询意见分组重新选取检测桩并完成检测', dueAt: q1('03-17', '17:30'), assignedBy: '驻海沧区工作组', occurredAt: q1('02-21', '14:05') } },
    { command: 'remediation', item: 'class2', body: { responsibleUnit: '长庚医院护理楼项目 设计单位', action: '复核方桩第一节二类桩承载力，出具处理意见', dueAt: q1('03-08', '17:30'), assignedBy: '驻海沧区工作组', occurredAt: q1('02-21', '14:10') } },
    { command: 'completion', item: 'wantai', body: { reportedBy: '万泰养生堂项目 检测负责人', evidence: '重新选桩方案及监理审核意见', occurredAt: q1('03-02', '16:00') } },
    { command: 'verification', item: 'wantai', body: { verifiedBy: '海沧区建设局', accepted: true, occurredAt: q1('03-06', '10:00') } },
    { command: 'completion', item: 'class2', body: { reportedBy: '长庚医院护理楼项目 设计负责人', evidence: '二类桩复核计算书及处理意见', occurredAt: q1('03-07', '15:00') } },
    { command: 'verification', item: 'class2', body: { verifiedBy: '驻海沧区工作组', accepted: true, comment: '专家复核同意', occurredAt: q1('03-09', '11:00') } },
    // 'changgung' is left assigned past its due time: the board shows it overdue.
  ],
};

const tongan: DemoScenario = {
  key: 'seed-tongan-crane-safety',
  report: {
    title: '区管项目建筑起重机械安全管控薄弱 (tower crane safety)',
    description: '区站建筑起重机械设备安全管控薄弱：安拆前条件核查不到位，建机一体化企业关键管理人员未按要求上操作面带班。',
    category: 'safety-emergency',
    severity: 'high',
    district: 'tongan',
    site: '同安区区管在建项目',
    source: 'inspection',
    reportedBy: '驻同安区工作组 组长',
    occurredAt: q1('02-06', '10:00'),
  },
  steps: [
    { command: 'remediation', item: 'training', body: { responsibleUnit: '同安区建设工程安全监督站', action: '面向安全员、机管员、安全专员、项目经理及总监宣贯安拆6个重点环节、日常检查8大要素及检查挂牌制度', dueAt: q1('02-17', '17:30'), assignedBy: '驻同安区工作组', occurredAt: q1('02-07', '09:30') } },
    { command: 'remediation', item: 'teaching', body: { responsibleUnit: '驻同安区工作组、同安区建设工程安全监督站', action: '开展3场次起重机械现场实操教学', dueAt: q1('03-03', '17:30'), assignedBy: '市建设局 安监处处长', occurredAt: q1('02-07', '09:40') } },
    { command: 'remediation', item: 'surprise', body: { responsibleUnit: '同安区建设工程安全监督站', action: '突击检查安拆前条件核查制度和关键管理人员上操作面带班制度', dueAt: q1('03-03', '17:30'), assignedBy: '驻同安区工作组', occurredAt: q1('02-07', '09:50') } },
    { command: 'completion', item: 'training', body: { reportedBy: '同安区建设工程安全监督站', evidence: '宣贯签到表，参训 186 人', occurredAt: q1('02-16', '17:00') } },
    { command: 'verification', item: 'training', body: { verifiedBy: '驻同安区工作组', accepted: true, occurredAt: q1('02-17', '10:00') } },
    { command: 'completion', item: 'surprise', body: { reportedBy: '同安区建设工程安全监督站', evidence: '突击检查记录：检查12台，发现问题5处', occurredAt: q1('02-24', '16:00') } },
    { command: 'verification', item: 'surprise', body: { verifiedBy: '驻同安区工作组', accepted: true, occurredAt: q1('02-27', '09:30') } },
    { command: 'remediation', item: 'findings', body: { responsibleUnit: '同安区建机一体化企业 A 公司', action: '整改突击检查发现问题：补齐安拆前条件核查资料，关键管理人员上操作面带班', dueAt: q1('03-08', '17:30'), assignedBy: '同安区建设局', occurredAt: q1('02-27', '10:00') } },
    { command: 'completion', item: 'teaching', body: { reportedBy: '驻同安区工作组', evidence: '3场次现场实操教学照片及签到表', occurredAt: q1('03-02', '17:00') } },
    { command: 'verification', item: 'teaching', body: { verifiedBy: '市建设局 安监处处长', accepted: true, occurredAt: q1('03-03', '10:00') } },
    { command: 'remediation', item: 'contest', body: { responsibleUnit: '同安区建设工程安全监督站', action: '开展1场次起重机械安全知识竞赛，检验培训效果', dueAt: q1('03-24', '17:30'), assignedBy: '驻同安区工作组', occurredAt: q1('03-03', '10:30') } },
    { command: 'escalation', body: { by: '驻同安区工作组 组长', reason: 'A 公司逾期未整改，两次催办无回复 (dragging its feet)，提请区建设局督办', occurredAt: q1('03-13', '09:00') } },
    { command: 'completion', item: 'findings', body: { reportedBy: '同安区建机一体化企业 A 公司', evidence: '核查资料补齐，带班记录', occurredAt: q1('03-20', '16:00') } },
    { command: 'verification', item: 'findings', body: { verifiedBy: '同安区建设局', accepted: true, comment: '复查合格', occurredAt: q1('03-21', '10:00') } },
    { command: 'completion', item: 'contest', body: { reportedBy: '同安区建设工程安全监督站', evidence: '知识竞赛方案、成绩表', occurredAt: q1('03-23', '17:00') } },
    { command: 'verification', item: 'contest', body: { verifiedBy: '驻同安区工作组', accepted: true, occurredAt: q1('03-24', '10:00') } },
    { command: 'closure', body: { closedBy: '驻同安区工作组 组长', resolution: '宣贯、现场教学、突击检查、知识竞赛全部完成，问题整改验收，销号。', occurredAt: q1('03-28', '10:00') } },
  ],
};

/** The article's cases, in the order the article tells them. */
export const SEED_CASES: readonly DemoScenario[] = [siming, huliSoiling, huliPetition, haicang, tongan];
