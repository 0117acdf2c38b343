import type { DemoScenario } from './demo-scenario';
import { q1 } from './working-calendar';

// Cases told by the article (Xiamen Daily, 2023-07-05) in Siming and Huli.

export const siming: DemoScenario = {
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
        attendees: [
          '驻思明区工作组',
          '思明区建设局',
          '何厝街道',
          '何厝安置房A地块 施工单位',
          '何厝安置房B地块 施工单位',
          '何厝拆迁工地 拆除单位',
        ],
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
    {
      command: 'remediation',
      item: 'a',
      body: {
        responsibleUnit: '何厝安置房A地块 施工单位',
        action: '修缮责任路段 K0+000–K0+260 破损路面',
        dueAt: q1('03-13', '17:30'),
        assignedBy: '思明区建设局',
        occurredAt: q1('03-06', '16:30'),
      },
    },
    // B's section is due a day after A's, so the 8-day closure on 14 March is on time.
    {
      command: 'remediation',
      item: 'b',
      body: {
        responsibleUnit: '何厝安置房B地块 施工单位',
        action: '修缮责任路段 K0+260–K0+480 破损路面',
        dueAt: q1('03-14', '17:30'),
        assignedBy: '思明区建设局',
        occurredAt: q1('03-06', '16:35'),
      },
    },
    {
      command: 'remediation',
      item: 'c',
      body: {
        responsibleUnit: '何厝拆迁工地 拆除单位',
        action: '增设排水沟及三级沉淀池，雨水不再漫流路面 (drainage)',
        dueAt: q1('03-10', '17:30'),
        assignedBy: '思明区建设局',
        occurredAt: q1('03-06', '16:40'),
      },
    },
    {
      command: 'remediation',
      item: 'd',
      body: {
        responsibleUnit: '何厝片区各工地 (A、B地块及拆迁工地)',
        action: '建立每日清扫、洒水保洁轮值表并执行 (daily cleaning)',
        dueAt: q1('03-08', '17:30'),
        assignedBy: '驻思明区工作组',
        occurredAt: q1('03-06', '16:45'),
      },
    },
    {
      command: 'completion',
      item: 'd',
      body: {
        reportedBy: '何厝安置房A地块 项目经理',
        evidence: '轮值表及3月7日、8日保洁照片',
        occurredAt: q1('03-08', '16:00'),
      },
    },
    {
      command: 'verification',
      item: 'd',
      body: {
        verifiedBy: '驻思明区工作组',
        accepted: true,
        comment: '现场抽查路面整洁',
        occurredAt: q1('03-09', '10:00'),
      },
    },
    {
      command: 'completion',
      item: 'c',
      body: {
        reportedBy: '何厝拆迁工地 项目负责人',
        evidence: '排水沟120米、沉淀池2座完工照片',
        occurredAt: q1('03-10', '15:30'),
      },
    },
    {
      command: 'completion',
      item: 'a',
      body: {
        reportedBy: '何厝安置房A地块 项目经理',
        evidence: '路面修缮完工照片及费用分摊单',
        occurredAt: q1('03-10', '17:00'),
      },
    },
    {
      command: 'completion',
      item: 'b',
      body: {
        reportedBy: '何厝安置房B地块 项目经理',
        evidence: '路面修缮完工照片',
        occurredAt: q1('03-13', '11:00'),
      },
    },
    {
      command: 'verification',
      item: 'c',
      body: {
        verifiedBy: '思明区建设局',
        accepted: true,
        comment: '雨后复查无积水',
        occurredAt: q1('03-13', '15:00'),
      },
    },
    {
      command: 'verification',
      item: 'a',
      body: { verifiedBy: '思明区建设局', accepted: true, occurredAt: q1('03-14', '09:30') },
    },
    {
      command: 'verification',
      item: 'b',
      body: { verifiedBy: '思明区建设局', accepted: true, occurredAt: q1('03-14', '09:40') },
    },
    {
      command: 'closure',
      body: {
        closedBy: '驻思明区工作组 组长',
        resolution: '共用道路责任分段、集资修缮、排水和日常保洁全部落实，8天完成提升，销号。',
        occurredAt: q1('03-14', '10:00'),
      },
    },
  ],
};

export const huliSoiling: DemoScenario = {
  key: 'seed-huli-zhongzhai-uncivil',
  report: {
    title: '钟宅片区市管工程文明施工差、渣土车污染路面',
    description:
      '湖里区反映：钟宅片区市管工程项目文明施工较差，渣土车带泥上路污染路面，多次被市扬尘考评办、市环委办检查通报，不满足创建文明城市要求。',
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
        attendees: [
          '驻湖里区工作组',
          '湖里区建设局',
          '钟宅安置房一期 施工单位',
          '钟宅片区道路 施工单位',
          '钟宅片区 渣土运输单位',
          '钟宅片区 监理单位',
        ],
        summary: '约谈钟宅片区市管工程相关单位，提出文明施工整改要求。',
        decisions: ['出入口设冲洗平台和沉淀池，车辆冲净出场', '渣土车全密闭运输', '围挡补齐、裸土覆盖'],
        occurredAt: q1('03-10', '09:30'),
      },
    },
    {
      command: 'remediation',
      item: 'wash',
      body: {
        responsibleUnit: '钟宅安置房一期 施工单位',
        action: '出入口设置硬化冲洗平台及三级沉淀池',
        dueAt: q1('03-15', '17:30'),
        assignedBy: '驻湖里区工作组',
        occurredAt: q1('03-10', '11:00'),
      },
    },
    {
      command: 'remediation',
      item: 'trucks',
      body: {
        responsibleUnit: '钟宅片区 渣土运输单位',
        action: '渣土车全密闭改装，出场前冲洗并登记',
        dueAt: q1('03-14', '17:30'),
        assignedBy: '驻湖里区工作组',
        occurredAt: q1('03-10', '11:05'),
      },
    },
    {
      command: 'remediation',
      item: 'fence',
      body: {
        responsibleUnit: '钟宅片区道路 施工单位',
        action: '补齐施工围挡，裸土100%覆盖防尘网',
        dueAt: q1('03-17', '17:30'),
        assignedBy: '湖里区建设局',
        occurredAt: q1('03-10', '11:10'),
      },
    },
    {
      command: 'completion',
      item: 'trucks',
      body: {
        reportedBy: '渣土运输单位 负责人',
        evidence: '23辆渣土车密闭改装清单',
        occurredAt: q1('03-13', '16:00'),
      },
    },
    {
      command: 'completion',
      item: 'wash',
      body: {
        reportedBy: '钟宅安置房一期 项目经理',
        evidence: '冲洗平台照片',
        occurredAt: q1('03-14', '15:00'),
      },
    },
    {
      command: 'verification',
      item: 'trucks',
      body: { verifiedBy: '湖里区建设局', accepted: true, occurredAt: q1('03-14', '16:30') },
    },
    {
      command: 'verification',
      item: 'wash',
      body: {
        verifiedBy: '驻湖里区工作组',
        accepted: false,
        comment: '冲洗平台未硬化、沉淀池未接通，车辆仍带泥上路 (rejected)',
        occurredAt: q1('03-15', '10:00'),
      },
    },
    {
      command: 'extension',
      item: 'fence',
      body: {
        newDueAt: q1('03-24', '17:30'),
        reason: '连续降雨，围挡基础和防尘网覆盖无法施工（湖里区建设局 分管副局长同意）',
        occurredAt: q1('03-16', '09:00'),
      },
    },
    {
      command: 'completion',
      item: 'wash',
      body: {
        reportedBy: '钟宅安置房一期 项目经理',
        evidence: '平台硬化、沉淀池接通后复拍照片及视频',
        occurredAt: q1('03-17', '11:00'),
      },
    },
    {
      command: 'verification',
      item: 'wash',
      body: {
        verifiedBy: '驻湖里区工作组',
        accepted: true,
        comment: '复查合格',
        occurredAt: q1('03-17', '16:00'),
      },
    },
    {
      command: 'completion',
      item: 'fence',
      body: {
        reportedBy: '钟宅片区道路 项目经理',
        evidence: '围挡及覆盖照片',
        occurredAt: q1('03-23', '15:00'),
      },
    },
    {
      command: 'verification',
      item: 'fence',
      body: { verifiedBy: '湖里区建设局', accepted: true, occurredAt: q1('03-24', '10:00') },
    },
    {
      command: 'closure',
      body: {
        closedBy: '驻湖里区工作组 组长',
        resolution: '约谈后三项整改全部验收，不文明施工问题解决，销号。',
        occurredAt: q1('03-24', '11:00'),
      },
    },
  ],
};

export const huliPetition: DemoScenario = {
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
        decisions: [
          '夜间施工须持证并公示，22时后停止高噪声作业',
          '小区门口道路每日两次清扫',
          '书面答复信访人',
        ],
        occurredAt: q1('03-14', '14:30'),
      },
    },
    {
      command: 'remediation',
      item: 'noise',
      body: {
        responsibleUnit: '钟宅安置房一期 施工单位',
        action: '办理夜间施工许可并公示，调整高噪声工序至日间',
        dueAt: q1('03-20', '17:30'),
        assignedBy: '湖里区建设局',
        occurredAt: q1('03-14', '16:00'),
      },
    },
    {
      command: 'remediation',
      item: 'reply',
      body: {
        responsibleUnit: '湖里区建设局',
        action: '书面答复信访人处理结果',
        dueAt: q1('03-27', '17:30'),
        assignedBy: '驻湖里区工作组',
        occurredAt: q1('03-14', '16:10'),
      },
    },
    {
      command: 'completion',
      item: 'noise',
      body: {
        reportedBy: '钟宅安置房一期 项目经理',
        evidence: '夜间施工许可及公示照片',
        occurredAt: q1('03-17', '10:00'),
      },
    },
    {
      command: 'verification',
      item: 'noise',
      body: {
        verifiedBy: '驻湖里区工作组',
        accepted: true,
        comment: '夜间回访无高噪声作业',
        occurredAt: q1('03-20', '10:00'),
      },
    },
    {
      command: 'completion',
      item: 'reply',
      body: {
        reportedBy: '湖里区建设局 信访科',
        evidence: '答复意见书及送达回执',
        occurredAt: q1('03-22', '15:00'),
      },
    },
    {
      command: 'verification',
      item: 'reply',
      body: {
        verifiedBy: '驻湖里区工作组',
        accepted: true,
        comment: '信访人表示满意',
        occurredAt: q1('03-23', '09:30'),
      },
    },
    {
      command: 'closure',
      body: {
        closedBy: '湖里区建设局',
        resolution: '整改到位并答复信访人，办结。',
        occurredAt: q1('03-23', '10:00'),
      },
    },
  ],
};
