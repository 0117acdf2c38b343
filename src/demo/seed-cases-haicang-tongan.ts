import type { DemoScenario } from './demo-scenario';
import { q1 } from './working-calendar';

// Cases told by the article (Xiamen Daily, 2023-07-05) in Haicang and Tong'an.

export const haicang: DemoScenario = {
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
        attendees: [
          '驻海沧区工作组',
          '海沧区建设局',
          '万泰养生堂项目 建设单位',
          '长庚医院护理楼项目 建设单位',
          '桩基检测机构',
          '监理单位',
        ],
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
        decisions: [
          '按桩长分组、同一条件下重新选取检测桩',
          '方桩第一节二类桩由设计单位复核承载力后提出处理意见',
        ],
        occurredAt: q1('02-21', '09:30'),
      },
    },
    {
      command: 'remediation',
      item: 'wantai',
      body: {
        responsibleUnit: '万泰养生堂项目 桩基检测机构',
        action: '按专家咨询意见分组重新选取检测桩，方案报监理审核',
        dueAt: q1('03-03', '17:30'),
        assignedBy: '驻海沧区工作组',
        occurredAt: q1('02-21', '14:00'),
      },
    },
    {
      command: 'remediation',
      item: 'changgung',
      body: {
        responsibleUnit: '长庚医院护理楼项目 桩基检测机构',
        action: '按专家咨询意见分组重新选取检测桩并完成检测',
        dueAt: q1('03-17', '17:30'),
        assignedBy: '驻海沧区工作组',
        occurredAt: q1('02-21', '14:05'),
      },
    },
    {
      command: 'remediation',
      item: 'class2',
      body: {
        responsibleUnit: '长庚医院护理楼项目 设计单位',
        action: '复核方桩第一节二类桩承载力，出具处理意见',
        dueAt: q1('03-08', '17:30'),
        assignedBy: '驻海沧区工作组',
        occurredAt: q1('02-21', '14:10'),
      },
    },
    {
      command: 'completion',
      item: 'wantai',
      body: {
        reportedBy: '万泰养生堂项目 检测负责人',
        evidence: '重新选桩方案及监理审核意见',
        occurredAt: q1('03-02', '16:00'),
      },
    },
    {
      command: 'verification',
      item: 'wantai',
      body: { verifiedBy: '海沧区建设局', accepted: true, occurredAt: q1('03-06', '10:00') },
    },
    {
      command: 'completion',
      item: 'class2',
      body: {
        reportedBy: '长庚医院护理楼项目 设计负责人',
        evidence: '二类桩复核计算书及处理意见',
        occurredAt: q1('03-07', '15:00'),
      },
    },
    {
      command: 'verification',
      item: 'class2',
      body: {
        verifiedBy: '驻海沧区工作组',
        accepted: true,
        comment: '专家复核同意',
        occurredAt: q1('03-09', '11:00'),
      },
    },
    // 'changgung' is left assigned past its due time: the board shows it overdue.
  ],
};

export const tongan: DemoScenario = {
  key: 'seed-tongan-crane-safety',
  report: {
    title: '区管项目建筑起重机械安全管控薄弱 (tower crane safety)',
    description:
      '区站建筑起重机械设备安全管控薄弱：安拆前条件核查不到位，建机一体化企业关键管理人员未按要求上操作面带班。',
    category: 'safety-emergency',
    severity: 'high',
    district: 'tongan',
    site: '同安区区管在建项目',
    source: 'inspection',
    reportedBy: '驻同安区工作组 组长',
    occurredAt: q1('02-06', '10:00'),
  },
  steps: [
    {
      command: 'remediation',
      item: 'training',
      body: {
        responsibleUnit: '同安区建设工程安全监督站',
        action:
          '面向安全员、机管员、安全专员、项目经理及总监宣贯安拆6个重点环节、日常检查8大要素及检查挂牌制度',
        dueAt: q1('02-17', '17:30'),
        assignedBy: '驻同安区工作组',
        occurredAt: q1('02-07', '09:30'),
      },
    },
    {
      command: 'remediation',
      item: 'teaching',
      body: {
        responsibleUnit: '驻同安区工作组、同安区建设工程安全监督站',
        action: '开展3场次起重机械现场实操教学',
        dueAt: q1('03-03', '17:30'),
        assignedBy: '市建设局 安监处处长',
        occurredAt: q1('02-07', '09:40'),
      },
    },
    {
      command: 'remediation',
      item: 'surprise',
      body: {
        responsibleUnit: '同安区建设工程安全监督站',
        action: '突击检查安拆前条件核查制度和关键管理人员上操作面带班制度',
        dueAt: q1('03-03', '17:30'),
        assignedBy: '驻同安区工作组',
        occurredAt: q1('02-07', '09:50'),
      },
    },
    {
      command: 'completion',
      item: 'training',
      body: {
        reportedBy: '同安区建设工程安全监督站',
        evidence: '宣贯签到表，参训 186 人',
        occurredAt: q1('02-16', '17:00'),
      },
    },
    {
      command: 'verification',
      item: 'training',
      body: { verifiedBy: '驻同安区工作组', accepted: true, occurredAt: q1('02-17', '10:00') },
    },
    {
      command: 'completion',
      item: 'surprise',
      body: {
        reportedBy: '同安区建设工程安全监督站',
        evidence: '突击检查记录：检查12台，发现问题5处',
        occurredAt: q1('02-24', '16:00'),
      },
    },
    {
      command: 'verification',
      item: 'surprise',
      body: { verifiedBy: '驻同安区工作组', accepted: true, occurredAt: q1('02-27', '09:30') },
    },
    {
      command: 'remediation',
      item: 'findings',
      body: {
        responsibleUnit: '同安区建机一体化企业 A 公司',
        action: '整改突击检查发现问题：补齐安拆前条件核查资料，关键管理人员上操作面带班',
        dueAt: q1('03-08', '17:30'),
        assignedBy: '同安区建设局',
        occurredAt: q1('02-27', '10:00'),
      },
    },
    {
      command: 'completion',
      item: 'teaching',
      body: {
        reportedBy: '驻同安区工作组',
        evidence: '3场次现场实操教学照片及签到表',
        occurredAt: q1('03-02', '17:00'),
      },
    },
    {
      command: 'verification',
      item: 'teaching',
      body: { verifiedBy: '市建设局 安监处处长', accepted: true, occurredAt: q1('03-03', '10:00') },
    },
    {
      command: 'remediation',
      item: 'contest',
      body: {
        responsibleUnit: '同安区建设工程安全监督站',
        action: '开展1场次起重机械安全知识竞赛，检验培训效果',
        dueAt: q1('03-24', '17:30'),
        assignedBy: '驻同安区工作组',
        occurredAt: q1('03-03', '10:30'),
      },
    },
    {
      command: 'escalation',
      body: {
        by: '驻同安区工作组 组长',
        reason: 'A 公司逾期未整改，两次催办无回复 (dragging its feet)，提请区建设局督办',
        occurredAt: q1('03-13', '09:00'),
      },
    },
    {
      command: 'completion',
      item: 'findings',
      body: {
        reportedBy: '同安区建机一体化企业 A 公司',
        evidence: '核查资料补齐，带班记录',
        occurredAt: q1('03-20', '16:00'),
      },
    },
    {
      command: 'verification',
      item: 'findings',
      body: {
        verifiedBy: '同安区建设局',
        accepted: true,
        comment: '复查合格',
        occurredAt: q1('03-21', '10:00'),
      },
    },
    {
      command: 'completion',
      item: 'contest',
      body: {
        reportedBy: '同安区建设工程安全监督站',
        evidence: '知识竞赛方案、成绩表',
        occurredAt: q1('03-23', '17:00'),
      },
    },
    {
      command: 'verification',
      item: 'contest',
      body: { verifiedBy: '驻同安区工作组', accepted: true, occurredAt: q1('03-24', '10:00') },
    },
    {
      command: 'closure',
      body: {
        closedBy: '驻同安区工作组 组长',
        resolution: '宣贯、现场教学、突击检查、知识竞赛全部完成，问题整改验收，销号。',
        occurredAt: q1('03-28', '10:00'),
      },
    },
  ],
};
