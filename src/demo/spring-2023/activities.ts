import type { ActivityKind } from '../../groups/record/record-vocabulary';
import type { District } from '../../issues/domain/vocabulary';

/**
 * The record's activities from March to June 2023 as the article counts them: 19 policy
 * seminars and experience-sharing talks (政策宣贯及经验分享座谈会), 21 technical sessions on
 * major projects (依托重大项目实地开展技术研讨和业务指导), and Tong'an's May campaign on crane
 * safety: one training on the 6 key stages of erection and dismantling and the 8 elements of
 * the daily structural check, 3 on-site teaching sessions, surprise checks of two rules, and
 * 1 knowledge contest. `links` names seed cases whose issue the entry is about.
 */
export interface ActivityPlan {
  district: District;
  kind: Exclude<ActivityKind, 'on-site'>;
  date: string;
  topic: string;
  site?: string;
  participants?: number;
  members?: string[];
  summary?: string;
  links?: string[];
}

const seminar = (district: District, date: string, topic: string, participants: number): ActivityPlan => ({
  district,
  kind: 'seminar',
  date,
  topic,
  participants,
  summary: '政策宣贯及经验分享座谈会，市区两级互相传授典型做法。',
});

const guidance = (district: District, date: string, site: string, topic: string): ActivityPlan => ({
  district,
  kind: 'technical-guidance',
  date,
  site,
  topic,
  summary: '依托重大项目实地开展技术研讨和业务指导。',
});

/** 19 seminars: Siming 4, the other five groups 3 each. */
const SEMINARS: ActivityPlan[] = [
  seminar('siming', '2023-03-10', '老旧小区改造政策宣贯', 45),
  seminar('siming', '2023-04-14', '共用道路管理经验分享', 38),
  seminar('siming', '2023-05-19', '城市品质提升工作座谈', 40),
  seminar('siming', '2023-06-16', '质量安全监管经验交流', 36),
  seminar('huli', '2023-03-17', '文明施工管理政策宣贯', 42),
  seminar('huli', '2023-04-21', '信访联动机制经验分享', 35),
  seminar('huli', '2023-06-09', '扬尘治理工作座谈', 39),
  seminar('jimei', '2023-03-24', '城中村改造政策宣贯', 50),
  seminar('jimei', '2023-05-12', '安置房建设经验分享', 33),
  seminar('jimei', '2023-06-20', '工程质量常见问题座谈', 37),
  seminar('haicang', '2023-03-21', '桩基检测技术规范宣贯', 41),
  seminar('haicang', '2023-04-25', '重点项目推进经验分享', 34),
  seminar('haicang', '2023-06-13', '危大工程管理座谈', 38),
  seminar('tongan', '2023-03-28', '建筑起重机械管理政策宣贯', 44),
  seminar('tongan', '2023-04-18', '安全生产责任落实座谈', 36),
  seminar('tongan', '2023-06-06', '安全监管经验分享', 32),
  seminar('xiangan', '2023-03-30', '新城建设政策宣贯', 40),
  seminar('xiangan', '2023-05-23', '工程进度管理经验分享', 31),
  seminar('xiangan', '2023-06-27', '质量安全工作座谈', 35),
];

/** 21 technical sessions: Siming, Huli and Haicang 4 each, the other three groups 3 each. */
const GUIDANCE: ActivityPlan[] = [
  guidance('siming', '2023-03-15', '何厝片区安置房', '深基坑支护方案技术研讨'),
  guidance('siming', '2023-04-11', '前埔片区旧改项目', '既有建筑加固技术指导'),
  guidance('siming', '2023-05-16', '会展北片区地下空间', '地下空间防水技术研讨'),
  guidance('siming', '2023-06-14', '莲前东路提升工程', '道路改造交通组织指导'),
  guidance('huli', '2023-03-22', '钟宅片区安置房', '文明施工标准化技术指导'),
  guidance('huli', '2023-04-19', '五缘湾片区学校', '装配式构件安装技术研讨'),
  guidance('huli', '2023-05-24', '枋湖片区商住项目', '高支模方案技术指导'),
  guidance('huli', '2023-06-21', '东渡片区道路工程', '软基处理技术研讨'),
  guidance('jimei', '2023-03-29', '集美新城安置房', '外墙保温施工技术指导'),
  guidance('jimei', '2023-05-10', '杏林湾片区商务楼', '幕墙安装技术研讨'),
  guidance('jimei', '2023-06-15', '厦门北站片区道路', '路基压实技术指导'),
  guidance('haicang', '2023-03-16', '马銮湾新城安置房', '灌注桩施工质量技术指导'),
  guidance('haicang', '2023-04-13', '海沧医院扩建', '医疗建筑机电安装技术研讨'),
  guidance('haicang', '2023-05-18', '东孚片区厂房', '钢结构焊接质量技术指导'),
  guidance('haicang', '2023-06-08', '万泰养生堂项目', '桩基检测方案及二类桩处理技术研讨'),
  guidance('tongan', '2023-03-23', '同安新城安置房', '塔吊基础验算技术指导'),
  guidance('tongan', '2023-04-20', '环东海域配套道路', '桥梁支架预压技术研讨'),
  guidance('tongan', '2023-06-13', '同安工业集中区厂房', '施工升降机安装技术指导'),
  guidance('xiangan', '2023-04-12', '翔安新机场片区道路', '大面积回填压实技术研讨'),
  guidance('xiangan', '2023-05-17', '翔安南部新城学校', '混凝土裂缝控制技术指导'),
  guidance('xiangan', '2023-06-14', '翔安医院配套', '洁净区施工技术研讨'),
];

const TONGAN_GROUP = ['驻同安区工作组组长', '驻同安区工作组组员'];

/** Tong'an's May: training, on-site teaching, surprise checks and a contest (以宣助管). */
const TONGAN_MAY: ActivityPlan[] = [
  {
    district: 'tongan',
    kind: 'training',
    date: '2023-05-09',
    site: '同安区建设局',
    topic: '宣贯建筑起重机械安拆6个重点环节、主要结构日常检查8大要素及检查挂牌制度',
    participants: 126,
    members: TONGAN_GROUP,
    summary: '面向区管项目安全员、机管员、安全专员、项目经理及总监宣贯。',
    links: ['seed-tongan-crane-safety'],
  },
  ...['2023-05-12', '2023-05-17', '2023-05-24'].map((date, i): ActivityPlan => ({
    district: 'tongan',
    kind: 'on-site-teaching',
    date,
    site: ['同安新城安置房', '西柯城中村改造', '同安老城提升'][i],
    topic: `建筑起重机械安拆现场实操教学（第${i + 1}场）`,
    participants: [32, 28, 30][i],
    members: TONGAN_GROUP,
    links: ['seed-tongan-crane-safety'],
  })),
  {
    district: 'tongan',
    kind: 'surprise-inspection',
    date: '2023-05-19',
    site: '环东海域配套道路',
    topic: '突击检查安拆前条件核查制度落实情况',
    members: TONGAN_GROUP,
    links: ['seed-tongan-crane-safety'],
  },
  {
    district: 'tongan',
    kind: 'surprise-inspection',
    date: '2023-05-26',
    site: '同安工业集中区厂房',
    topic: '突击检查建机一体化企业关键管理人员上操作面带班制度',
    members: TONGAN_GROUP,
    links: ['seed-tongan-crane-safety'],
  },
  {
    district: 'tongan',
    kind: 'knowledge-contest',
    date: '2023-05-31',
    site: '同安区建设局',
    topic: '建筑起重机械安全管理知识竞赛',
    participants: 48,
    members: TONGAN_GROUP,
    summary: '检验培训效果。',
  },
];

/** Trainings, consultations, joint inspections and exchanges of the other groups. */
const OTHERS: ActivityPlan[] = [
  {
    district: 'siming',
    kind: 'training',
    date: '2023-04-07',
    topic: '共用道路责任分段管理培训',
    participants: 60,
  },
  {
    district: 'huli',
    kind: 'joint-inspection',
    date: '2023-04-10',
    site: '钟宅片区安置房',
    topic: '市管工程文明施工联合检查',
  },
  {
    district: 'huli',
    kind: 'training',
    date: '2023-05-08',
    topic: '渣土车管理及道路保洁培训',
    participants: 55,
  },
  { district: 'jimei', kind: 'exchange', date: '2023-04-17', topic: '区局业务骨干跟班学习', participants: 4 },
  {
    district: 'jimei',
    kind: 'training',
    date: '2023-06-02',
    topic: '安置房工程质量验收培训',
    participants: 70,
  },
  {
    district: 'haicang',
    kind: 'joint-inspection',
    date: '2023-06-01',
    site: '万泰养生堂项目、长庚医院护理楼项目',
    topic: '重点项目联合检查服务指导',
    links: ['seed-haicang-pile-testing'],
  },
  {
    district: 'haicang',
    kind: 'expert-consultation',
    date: '2023-06-05',
    site: '万泰养生堂项目',
    topic: '协会组织专家咨询桩基检测方案，按专家意见重新选桩',
    participants: 12,
    links: ['seed-haicang-pile-testing'],
  },
  {
    district: 'xiangan',
    kind: 'exchange',
    date: '2023-05-15',
    topic: '师徒结对：市局处室带教区局新任监督员',
    participants: 6,
  },
  {
    district: 'xiangan',
    kind: 'training',
    date: '2023-06-07',
    topic: '新城片区工程质量安全培训',
    participants: 58,
  },
];

export const ACTIVITY_PLANS: readonly ActivityPlan[] = [...SEMINARS, ...GUIDANCE, ...TONGAN_MAY, ...OTHERS];

/** A practice passed between city and district (互学互鉴). */
export interface PracticePlan {
  district: District;
  direction: 'adopted-from-city' | 'promoted-to-city';
  title: string;
  date: string;
  summary: string;
}

const adopted = (district: District, date: string, title: string): PracticePlan => ({
  district,
  direction: 'adopted-from-city',
  date,
  title,
  summary: '区级转化吸收市级制度。',
});

/** Since March: 9 city rules adopted by the districts, 2 district practices promoted city-wide. */
export const PRACTICE_PLANS: readonly PracticePlan[] = [
  adopted('siming', '2023-03-27', '建设工程质量安全隐患闭环管理制度'),
  adopted('siming', '2023-05-29', '在建工程文明施工考评办法'),
  adopted('huli', '2023-04-06', '市管工程信访件协同处理规程'),
  adopted('huli', '2023-06-12', '渣土运输车辆源头管控制度'),
  adopted('jimei', '2023-04-24', '城中村改造项目联审制度'),
  adopted('haicang', '2023-03-31', '桩基检测抽检复核制度'),
  adopted('haicang', '2023-05-22', '危险性较大分部分项工程清单管理制度'),
  adopted('tongan', '2023-04-26', '建筑起重机械安拆前条件核查制度'),
  adopted('xiangan', '2023-06-19', '重点项目周调度制度'),
  {
    district: 'siming',
    direction: 'promoted-to-city',
    date: '2023-04-28',
    title: '多工地共用道路分段包干、集资修缮和每日清理机制',
    summary: '何厝片区共用道路8天完成提升的做法，市级在全市推广。',
  },
  {
    district: 'huli',
    direction: 'promoted-to-city',
    date: '2023-06-26',
    title: '市区信访联动机制',
    summary: '驻区工作组与区建设局信访联动、联合约谈的做法，市级在全市推广。',
  },
];
