import type { Category, District, MeetingKind, Severity, Source } from '../issues/domain/vocabulary';
import { DISTRICTS } from '../issues/domain/vocabulary';
import { seededRandom, type Random } from './random';
import type { DemoScenario, DemoStep } from './seed-cases';

/**
 * The Q1 2023 Asia/Shanghai working days: weekdays from 3 January to 31 March, without the
 * Spring Festival holiday (23–27 January) and with its make-up working weekend (28–29
 * January, 调休). Demo times fall only on these days, in office hours.
 */
export const WORKING_DAYS_Q1_2023: readonly string[] = (() => {
  const holidays = new Set(['2023-01-23', '2023-01-24', '2023-01-25', '2023-01-26', '2023-01-27']);
  const makeUp = new Set(['2023-01-28', '2023-01-29']);
  const days: string[] = [];
  for (let d = new Date(Date.UTC(2023, 0, 3)); d < new Date(Date.UTC(2023, 3, 1)); d = new Date(d.getTime() + 86_400_000)) {
    const iso = d.toISOString().slice(0, 10);
    const weekday = d.getUTCDay() >= 1 && d.getUTCDay() <= 5;
    if ((weekday && !holidays.has(iso)) || makeUp.has(iso)) days.push(iso);
  }
  return days;
})();

const LAST_DAY = WORKING_DAYS_Q1_2023.length - 1;
const OPEN = 8 * 60 + 30; // 08:30
const NOON = 12 * 60;
const AFTERNOON = 14 * 60;
const CLOSE = 17 * 60 + 30; // 17:30

/** A business moment: index into WORKING_DAYS_Q1_2023 and minutes after midnight. */
type Moment = { day: number; minute: number };
const order = (m: Moment): number => m.day * 1440 + m.minute;
const iso = (m: Moment): string => {
  const hh = String(Math.floor(m.minute / 60)).padStart(2, '0');
  const mm = String(m.minute % 60).padStart(2, '0');
  return `${WORKING_DAYS_Q1_2023[m.day]}T${hh}:${mm}:00+08:00`;
};
/** A random office-hours minute: 08:30–11:45 or 14:00–17:00 (no one files during lunch). */
const officeMinute = (rnd: Random): number => {
  const slot = rnd.int(0, 76);
  return slot < 40 ? OPEN + slot * 5 : AFTERNOON + (slot - 40) * 5;
};
/** Some working days later (or later the same day when `days` is 0), in office hours. */
const after = (m: Moment, days: number, rnd: Random): Moment => {
  if (days === 0) {
    let minute = m.minute + rnd.int(2, 18) * 5;
    if (minute >= NOON && minute < AFTERNOON) minute += AFTERNOON - NOON;
    if (minute <= CLOSE - 30) return { day: m.day, minute };
  }
  return { day: m.day + Math.max(days, 1), minute: officeMinute(rnd) };
};
const dueOn = (day: number): Moment => ({ day, minute: CLOSE });

/**
 * How each work group performs in the demo, so the ranking has something to show: Siming
 * and Huli answer fast and close on time, Xiang'an is slow and leaves most overdue.
 */
interface Profile {
  onTime: number; // chance an item is done by its due time
  extension: number; // chance a late item gets its deadline extended instead
  rejection: number; // chance a completion is rejected once
  stall: number; // chance an issue stays open at the end of the quarter
  meeting: number;
  firstResponseDays: [number, number];
}
const PROFILES: Record<District, Profile> = {
  siming: { onTime: 0.92, extension: 0.5, rejection: 0.05, stall: 0.0, meeting: 0.5, firstResponseDays: [0, 1] },
  huli: { onTime: 0.85, extension: 0.5, rejection: 0.1, stall: 0.05, meeting: 0.5, firstResponseDays: [0, 1] },
  jimei: { onTime: 0.75, extension: 0.4, rejection: 0.1, stall: 0.08, meeting: 0.4, firstResponseDays: [0, 2] },
  haicang: { onTime: 0.7, extension: 0.3, rejection: 0.15, stall: 0.1, meeting: 0.45, firstResponseDays: [1, 2] },
  tongan: { onTime: 0.62, extension: 0.3, rejection: 0.15, stall: 0.12, meeting: 0.35, firstResponseDays: [1, 3] },
  xiangan: { onTime: 0.5, extension: 0.2, rejection: 0.2, stall: 0.2, meeting: 0.3, firstResponseDays: [1, 4] },
};

export const DISTRICT_NAMES: Record<District, string> = {
  siming: '思明', huli: '湖里', jimei: '集美', haicang: '海沧', tongan: '同安', xiangan: '翔安',
};
const group = (d: District): string => `驻${DISTRICT_NAMES[d]}区工作组`;
const bureau = (d: District): string => `${DISTRICT_NAMES[d]}区建设局`;

const SEVERITY_WEIGHTS: Record<Category, ReadonlyArray<readonly [Severity, number]>> = {
  'technical-difficulty': [['low', 3], ['medium', 5], ['high', 2], ['critical', 0.3]],
  'on-site-rectification': [['low', 2], ['medium', 4], ['high', 2]],
  'key-project': [['medium', 3], ['high', 3], ['critical', 1]],
  'safety-emergency': [['medium', 2], ['high', 3], ['critical', 1]],
  'petition-complaint': [['low', 2], ['medium', 4], ['high', 1]],
};
const SOURCE_WEIGHTS: Record<Category, ReadonlyArray<readonly [Source, number]>> = {
  'technical-difficulty': [['inspection', 5], ['self-report', 3], ['referral', 2]],
  'on-site-rectification': [['inspection', 3], ['referral', 2]],
  'key-project': [['inspection', 2], ['self-report', 2], ['referral', 1]],
  'safety-emergency': [['inspection', 4], ['referral', 1]],
  'petition-complaint': [['petition', 1]],
};
const MEETING_WEIGHTS: Record<Category, ReadonlyArray<readonly [MeetingKind, number]>> = {
  'technical-difficulty': [['expert-consultation', 3], ['site-coordination', 2]],
  'on-site-rectification': [['site-coordination', 2], ['summons', 1]],
  'key-project': [['joint-inspection', 3], ['site-coordination', 1]],
  'safety-emergency': [['joint-inspection', 1], ['summons', 1], ['site-coordination', 1]],
  'petition-complaint': [['site-coordination', 2], ['summons', 1]],
};

/** 60 technical difficulties (the article counts 69 in Q1 with the seed cases) plus 10 others. */
export const GENERATED_ISSUE_COUNT = 70;
const OTHER_CATEGORIES: readonly Category[] = ['on-site-rectification', 'key-project', 'safety-emergency', 'petition-complaint'];

export function generatedIssues(seed = 20230331): DemoScenario[] {
  const rnd = seededRandom(seed);
  const scenarios: DemoScenario[] = [];
  for (let n = 0; n < GENERATED_ISSUE_COUNT; n++) {
    const district = DISTRICTS[n % DISTRICTS.length];
    const category = n % 7 === 3 ? OTHER_CATEGORIES[Math.floor(n / 7) % OTHER_CATEGORIES.length] : 'technical-difficulty';
    scenarios.push(generateOne(`gen-${String(n + 1).padStart(3, '0')}-${district}`, district, category, rnd));
  }
  return scenarios;
}

type Timed = { at: Moment; step: DemoStep };

function generateOne(key: string, district: District, category: Category, rnd: Random): DemoScenario {
  const profile = PROFILES[district];
  const topic: Topic = rnd.pick(TOPICS[category]);
  const site = rnd.pick(SITES[district]);
  // Leave at least a couple of working weeks before the quarter ends for the work to happen.
  const reported: Moment = { day: rnd.int(0, LAST_DAY - 10), minute: officeMinute(rnd) };
  const timed: Timed[] = [];
  let cursor = after(reported, rnd.int(...profile.firstResponseDays), rnd);

  if (rnd.chance(profile.meeting)) {
    const kind = rnd.weighted(MEETING_WEIGHTS[category]);
    timed.push({ at: cursor, step: { command: 'meeting', body: {
      kind, heldAt: iso(cursor), convenedBy: group(district),
      attendees: [group(district), bureau(district), ...topic.items.map(([role]) => unit(site, role, district))],
      summary: `${topic.title}：研究处置方案`, decisions: topic.items.map(([, action]) => action), occurredAt: iso(cursor),
    } } });
    cursor = after(cursor, 0, rnd);
  }

  const stalled = rnd.chance(profile.stall);
  const items = topic.items.slice(0, rnd.int(1, topic.items.length));
  let allVerified = true;
  let lastVerified = cursor;
  items.forEach(([role, action], i) => {
    const item = `item-${i + 1}`;
    const assigned = after(cursor, 0, rnd);
    cursor = assigned;
    const responsibleUnit = unit(site, role, district);
    let due = dueOn(Math.min(assigned.day + rnd.int(3, 10), LAST_DAY));
    const push = (at: Moment, step: DemoStep) => timed.push({ at, step });
    push(assigned, { command: 'remediation', item, body: { responsibleUnit, action, dueAt: iso(due), assignedBy: rnd.pick([group(district), bureau(district)]), occurredAt: iso(assigned) } });

    let done: Moment;
    if (rnd.chance(profile.onTime)) {
      done = { day: Math.max(assigned.day + 1, due.day - rnd.int(0, 2)), minute: officeMinute(rnd) };
    } else if (rnd.chance(profile.extension) && due.day - 1 > assigned.day && due.day < LAST_DAY) {
      const asked: Moment = { day: due.day - 1, minute: OPEN + rnd.int(0, 30) * 5 };
      const newDue = dueOn(Math.min(due.day + rnd.int(3, 7), LAST_DAY));
      push(asked, { command: 'extension', item, body: { newDueAt: iso(newDue), reason: rnd.pick(EXTENSION_REASONS), approvedBy: bureau(district), occurredAt: iso(asked) } });
      due = newDue;
      done = { day: due.day - rnd.int(0, 1), minute: officeMinute(rnd) };
    } else {
      done = { day: due.day + rnd.int(1, 6), minute: officeMinute(rnd) };
    }
    // A stalled issue keeps its last item undone: it is still open (and overdue) on 31 March.
    if (stalled && i === items.length - 1) {
      allVerified = false;
      const chased: Moment = { day: due.day + 2, minute: OPEN + rnd.int(0, 30) * 5 };
      if (chased.day <= LAST_DAY && rnd.chance(0.5)) {
        push(chased, { command: 'escalation', body: { by: `${group(district)} 组长`, reason: `${responsibleUnit} 逾期未完成且未说明原因，提请上级督办`, occurredAt: iso(chased) } });
      }
      return;
    }
    if (done.day > LAST_DAY) { allVerified = false; return; }
    push(done, { command: 'completion', item, body: { reportedBy: `${responsibleUnit} 负责人`, evidence: rnd.pick(EVIDENCE), occurredAt: iso(done) } });

    let checked = after(done, rnd.int(0, 2), rnd);
    if (rnd.chance(profile.rejection) && checked.day + 3 <= LAST_DAY) {
      push(checked, { command: 'verification', item, body: { verifiedBy: group(district), accepted: false, comment: rnd.pick(REJECTIONS), occurredAt: iso(checked) } });
      const redone = after(checked, rnd.int(1, 2), rnd);
      push(redone, { command: 'completion', item, body: { reportedBy: `${responsibleUnit} 负责人`, evidence: '整改复查资料', occurredAt: iso(redone) } });
      checked = after(redone, rnd.int(0, 1), rnd);
    }
    if (checked.day > LAST_DAY) { allVerified = false; return; }
    push(checked, { command: 'verification', item, body: { verifiedBy: rnd.pick([group(district), bureau(district)]), accepted: true, occurredAt: iso(checked) } });
    if (order(checked) > order(lastVerified)) lastVerified = checked;
  });

  if (allVerified) {
    const closed = after(lastVerified, rnd.int(0, 1), rnd);
    if (closed.day <= LAST_DAY) {
      timed.push({ at: closed, step: { command: 'closure', body: { closedBy: `${group(district)} 组长`, resolution: `${topic.title}：各项整改验收完成，销号。`, occurredAt: iso(closed) } } });
    }
  }

  return {
    key,
    report: {
      title: topic.title, description: `${group(district)}在${site}发现：${topic.title}，分解为整改事项逐项销号。`, category, severity: rnd.weighted(SEVERITY_WEIGHTS[category]),
      district, site, source: rnd.weighted(SOURCE_WEIGHTS[category]),
      reportedBy: category === 'petition-complaint' ? `${bureau(district)} 信访联动` : `${group(district)} 组员`,
      occurredAt: iso(reported),
    },
    steps: inTimeOrder(timed),
  };
}

/** Items' timelines interleave: sort by time (stable, so one item's steps keep their order). */
function inTimeOrder(timed: Timed[]): DemoStep[] {
  return timed
    .map((t, i) => ({ ...t, i }))
    .sort((a, b) => order(a.at) - order(b.at) || a.i - b.i)
    .map((t) => t.step);
}

const unit = (site: string, role: string, district: District): string =>
  role === '区建设局' ? bureau(district) : `${site} ${role}`;

const EXTENSION_REASONS = ['连续降雨无法施工', '专家论证意见尚未出具', '材料进场延迟，需调整工序', '需等待管线产权单位配合迁改'];
const EVIDENCE = ['整改前后对比照片', '检测报告及监理签认', '专项方案及专家论证意见', '会议纪要及整改回执', '复核计算书'];
const REJECTIONS = ['现场复查未整改到位，退回', '资料不全，缺监理签认', '整改范围与要求不符，退回重做'];

// ---- Content: what the work groups write, by category and by district. ----

/** One kind of problem: its title and the items it is usually decomposed into (role, action). */
interface Topic {
  title: string;
  items: ReadonlyArray<readonly [string, string]>;
}

const TOPICS: Record<Category, readonly Topic[]> = {
  'technical-difficulty': [
    { title: '深基坑支护变形接近预警值 (deep excavation)', items: [['施工单位', '加密监测频率并回填反压'], ['设计单位', '复核支护结构并出具加固方案'], ['监理单位', '旁站监督加固施工']] },
    { title: '高支模专项方案未经专家论证 (high formwork)', items: [['施工单位', '编制高支模专项方案并组织专家论证'], ['监理单位', '审查方案并落实验收']] },
    { title: '灌注桩沉渣厚度超标', items: [['施工单位', '调整清孔工艺，复测沉渣厚度'], ['检测机构', '增加钻芯法抽检'], ['监理单位', '旁站记录整改']] },
    { title: '装配式构件套筒灌浆饱满度存疑 (grouting)', items: [['施工单位', '采用灌浆饱满度检测并补灌'], ['检测机构', '出具灌浆质量检测报告'], ['建设单位', '组织构件厂技术交底']] },
    { title: '老旧小区改造管线迁改与施工交叉', items: [['建设单位', '召集管线产权单位明确迁改时序'], ['施工单位', '调整施工分区，先迁后建'], ['区建设局', '协调街道、社区做好居民告知']] },
    { title: '城中村改造安置房地下室渗漏', items: [['施工单位', '注浆堵漏并整改后浇带'], ['设计单位', '复核防水节点做法']] },
    { title: '软土地基路段工后沉降偏大', items: [['设计单位', '提出堆载预压或换填方案'], ['施工单位', '实施地基处理并持续沉降观测'], ['检测机构', '出具沉降观测报告']] },
    { title: '钢结构焊缝探伤不合格 (weld UT)', items: [['施工单位', '返修不合格焊缝'], ['检测机构', '返修后复检']] },
    { title: '幕墙预埋件位置偏差超限', items: [['施工单位', '采用后置锚栓并做拉拔试验'], ['设计单位', '出具后置埋件设计变更']] },
    { title: '地铁保护区内基坑施工方案待审 (metro protection)', items: [['建设单位', '报送地铁保护区安全评估'], ['施工单位', '落实自动化监测']] },
    { title: '混凝土同条件试块强度不足', items: [['检测机构', '实体回弹及钻芯检测'], ['设计单位', '根据检测结果复核结构安全'], ['施工单位', '按复核意见加固处理']] },
    { title: '海绵城市透水铺装做法与图纸不符 (sponge city)', items: [['施工单位', '按图纸返工透水基层'], ['监理单位', '复核隐蔽验收记录']] },
    { title: '人防工程防护密闭门安装偏差', items: [['施工单位', '重新校正门框并二次灌浆'], ['检测机构', '出具气密性检测报告']] },
    { title: '施工图设计变更审查滞后影响工期', items: [['设计单位', '补报变更图纸至审图机构'], ['建设单位', '跟踪审图进度']] },
    { title: '市政道路雨污管网接驳错接', items: [['施工单位', 'CCTV 检测并改正错接点'], ['区建设局', '协调排水公司验收接驳']] },
    { title: '屋面防水卷材搭接宽度不足', items: [['施工单位', '返工卷材搭接并闭水试验'], ['监理单位', '见证闭水试验']] },
    { title: '塔吊基础位于回填土上承载力不明', items: [['施工单位', '补做地基承载力检测'], ['设计单位', '复核塔吊基础设计']] },
    { title: 'BIM 管线综合碰撞未解决影响安装', items: [['设计单位', '完成机电管线综合深化'], ['施工单位', '按深化图调整安装顺序']] },
    { title: '预应力管桩第一节出现二类桩', items: [['设计单位', '复核承载力并出具处理意见'], ['检测机构', '补充高应变检测']] },
    { title: '旧楼加装电梯基础与既有管线冲突', items: [['建设单位', '协调燃气、给水管线迁移'], ['施工单位', '调整电梯基坑位置']] },
    { title: '大体积混凝土温控措施不到位', items: [['施工单位', '埋设测温点并覆盖养护'], ['监理单位', '检查测温记录']] },
    { title: '绿色建筑节能验收资料缺项', items: [['施工单位', '补齐保温材料复检报告'], ['建设单位', '组织节能专项验收']] },
    { title: '边坡喷锚支护开裂', items: [['施工单位', '清理裂缝并补喷，增设泄水孔'], ['设计单位', '复核边坡稳定性'], ['监理单位', '跟踪监测数据']] },
    { title: '消防验收前防火封堵不到位', items: [['施工单位', '补做管井防火封堵'], ['监理单位', '逐层检查封堵质量']] },
  ],
  'on-site-rectification': [
    { title: '工地出入口未设冲洗设施、车辆带泥上路', items: [['施工单位', '设置冲洗平台和沉淀池'], ['监理单位', '每日检查车辆冲洗记录']] },
    { title: '临边防护缺失、脚手架连墙件不足', items: [['施工单位', '补齐临边防护和连墙件'], ['监理单位', '复查验收']] },
    { title: '裸土未覆盖、扬尘治理不到位', items: [['施工单位', '裸土全覆盖并增设喷淋'], ['区建设局', '纳入扬尘巡查']] },
  ],
  'key-project': [
    { title: '重点项目征拆滞后影响进场', items: [['区建设局', '协调征拆进度'], ['建设单位', '调整施工组织，分段进场']] },
    { title: '重点项目施工许可手续待办 (permit)', items: [['建设单位', '补齐施工许可要件'], ['区建设局', '并联审批提速']] },
    { title: '重点项目节点工期滞后', items: [['施工单位', '增加作业班组，倒排工期'], ['建设单位', '每周报送形象进度']] },
  ],
  'safety-emergency': [
    { title: '汛期深基坑排水应急准备不足', items: [['施工单位', '配备抽水设备并演练'], ['监理单位', '检查应急物资']] },
    { title: '施工升降机防坠安全器超期未检', items: [['施工单位', '停用并送检防坠安全器'], ['检测机构', '出具检测报告']] },
    { title: '有限空间作业未执行审批 (confined space)', items: [['施工单位', '落实作业审批和气体检测'], ['监理单位', '专项检查']] },
  ],
  'petition-complaint': [
    { title: '居民投诉夜间施工噪声扰民', items: [['施工单位', '调整高噪声工序至日间并公示'], ['区建设局', '答复投诉人']] },
    { title: '群众信访：工地围挡占道影响通行', items: [['施工单位', '收窄围挡并设置临时便道'], ['区建设局', '答复信访人']] },
    { title: '农民工讨薪信访', items: [['建设单位', '核实并支付拖欠工资'], ['区建设局', '跟踪落实并答复']] },
  ],
};

const SITES: Record<District, readonly string[]> = {
  siming: ['何厝片区安置房', '前埔片区旧改项目', '莲前东路提升工程', '莲花老旧小区改造', '会展北片区地下空间'],
  huli: ['钟宅片区安置房', '五缘湾片区学校', '江头老旧小区改造', '枋湖片区商住项目', '东渡片区道路工程'],
  jimei: ['集美新城安置房', '杏林湾片区商务楼', '灌口城中村改造', '集美大学城配套', '厦门北站片区道路'],
  haicang: ['马銮湾新城安置房', '东孚片区厂房', '海沧湾公园配套', '海沧老旧小区改造', '海沧医院扩建'],
  tongan: ['同安新城安置房', '环东海域配套道路', '同安工业集中区厂房', '西柯城中村改造', '同安老城提升'],
  xiangan: ['翔安新机场片区道路', '翔安南部新城学校', '翔安东部体育会展配套', '马巷城中村改造', '翔安医院配套'],
};
