import type { Category, District, MeetingKind, Severity, Source } from '../issues/domain/vocabulary';

// What the work groups write in the generated issues: the kinds of problem by category, the
// sites by district, how severities, sources and meeting kinds are spread, and the phrases
// of extensions, evidence and rejections. Weights are relative: [['a', 3], ['b', 1]].

export const SEVERITY_WEIGHTS: Record<Category, ReadonlyArray<readonly [Severity, number]>> = {
  'technical-difficulty': [
    ['low', 3],
    ['medium', 5],
    ['high', 2],
    ['critical', 0.3],
  ],
  'on-site-rectification': [
    ['low', 2],
    ['medium', 4],
    ['high', 2],
  ],
  'key-project': [
    ['medium', 3],
    ['high', 3],
    ['critical', 1],
  ],
  'safety-emergency': [
    ['medium', 2],
    ['high', 3],
    ['critical', 1],
  ],
  'petition-complaint': [
    ['low', 2],
    ['medium', 4],
    ['high', 1],
  ],
};
export const SOURCE_WEIGHTS: Record<Category, ReadonlyArray<readonly [Source, number]>> = {
  'technical-difficulty': [
    ['inspection', 5],
    ['self-report', 3],
    ['referral', 2],
  ],
  'on-site-rectification': [
    ['inspection', 3],
    ['referral', 2],
  ],
  'key-project': [
    ['inspection', 2],
    ['self-report', 2],
    ['referral', 1],
  ],
  'safety-emergency': [
    ['inspection', 4],
    ['referral', 1],
  ],
  'petition-complaint': [['petition', 1]],
};
export const MEETING_WEIGHTS: Record<Category, ReadonlyArray<readonly [MeetingKind, number]>> = {
  'technical-difficulty': [
    ['expert-consultation', 3],
    ['site-coordination', 2],
  ],
  'on-site-rectification': [
    ['site-coordination', 2],
    ['summons', 1],
  ],
  'key-project': [
    ['joint-inspection', 3],
    ['site-coordination', 1],
  ],
  'safety-emergency': [
    ['joint-inspection', 1],
    ['summons', 1],
    ['site-coordination', 1],
  ],
  'petition-complaint': [
    ['site-coordination', 2],
    ['summons', 1],
  ],
};

export const EXTENSION_REASONS = [
  '连续降雨无法施工',
  '专家论证意见尚未出具',
  '材料进场延迟，需调整工序',
  '需等待管线产权单位配合迁改',
];
export const EVIDENCE = [
  '整改前后对比照片',
  '检测报告及监理签认',
  '专项方案及专家论证意见',
  '会议纪要及整改回执',
  '复核计算书',
];
export const REJECTIONS = [
  '现场复查未整改到位，退回',
  '资料不全，缺监理签认',
  '整改范围与要求不符，退回重做',
];

/** One kind of problem: its title and the items it is usually decomposed into (role, action). */
export interface Topic {
  title: string;
  items: ReadonlyArray<readonly [string, string]>;
}

export const TOPICS: Record<Category, readonly Topic[]> = {
  'technical-difficulty': [
    {
      title: '深基坑支护变形接近预警值 (deep excavation)',
      items: [
        ['施工单位', '加密监测频率并回填反压'],
        ['设计单位', '复核支护结构并出具加固方案'],
        ['监理单位', '旁站监督加固施工'],
      ],
    },
    {
      title: '高支模专项方案未经专家论证 (high formwork)',
      items: [
        ['施工单位', '编制高支模专项方案并组织专家论证'],
        ['监理单位', '审查方案并落实验收'],
      ],
    },
    {
      title: '灌注桩沉渣厚度超标',
      items: [
        ['施工单位', '调整清孔工艺，复测沉渣厚度'],
        ['检测机构', '增加钻芯法抽检'],
        ['监理单位', '旁站记录整改'],
      ],
    },
    {
      title: '装配式构件套筒灌浆饱满度存疑 (grouting)',
      items: [
        ['施工单位', '采用灌浆饱满度检测并补灌'],
        ['检测机构', '出具灌浆质量检测报告'],
        ['建设单位', '组织构件厂技术交底'],
      ],
    },
    {
      title: '老旧小区改造管线迁改与施工交叉',
      items: [
        ['建设单位', '召集管线产权单位明确迁改时序'],
        ['施工单位', '调整施工分区，先迁后建'],
        ['区建设局', '协调街道、社区做好居民告知'],
      ],
    },
    {
      title: '城中村改造安置房地下室渗漏',
      items: [
        ['施工单位', '注浆堵漏并整改后浇带'],
        ['设计单位', '复核防水节点做法'],
      ],
    },
    {
      title: '软土地基路段工后沉降偏大',
      items: [
        ['设计单位', '提出堆载预压或换填方案'],
        ['施工单位', '实施地基处理并持续沉降观测'],
        ['检测机构', '出具沉降观测报告'],
      ],
    },
    {
      title: '钢结构焊缝探伤不合格 (weld UT)',
      items: [
        ['施工单位', '返修不合格焊缝'],
        ['检测机构', '返修后复检'],
      ],
    },
    {
      title: '幕墙预埋件位置偏差超限',
      items: [
        ['施工单位', '采用后置锚栓并做拉拔试验'],
        ['设计单位', '出具后置埋件设计变更'],
      ],
    },
    {
      title: '地铁保护区内基坑施工方案待审 (metro protection)',
      items: [
        ['建设单位', '报送地铁保护区安全评估'],
        ['施工单位', '落实自动化监测'],
      ],
    },
    {
      title: '混凝土同条件试块强度不足',
      items: [
        ['检测机构', '实体回弹及钻芯检测'],
        ['设计单位', '根据检测结果复核结构安全'],
        ['施工单位', '按复核意见加固处理'],
      ],
    },
    {
      title: '海绵城市透水铺装做法与图纸不符 (sponge city)',
      items: [
        ['施工单位', '按图纸返工透水基层'],
        ['监理单位', '复核隐蔽验收记录'],
      ],
    },
    {
      title: '人防工程防护密闭门安装偏差',
      items: [
        ['施工单位', '重新校正门框并二次灌浆'],
        ['检测机构', '出具气密性检测报告'],
      ],
    },
    {
      title: '施工图设计变更审查滞后影响工期',
      items: [
        ['设计单位', '补报变更图纸至审图机构'],
        ['建设单位', '跟踪审图进度'],
      ],
    },
    {
      title: '市政道路雨污管网接驳错接',
      items: [
        ['施工单位', 'CCTV 检测并改正错接点'],
        ['区建设局', '协调排水公司验收接驳'],
      ],
    },
    {
      title: '屋面防水卷材搭接宽度不足',
      items: [
        ['施工单位', '返工卷材搭接并闭水试验'],
        ['监理单位', '见证闭水试验'],
      ],
    },
    {
      title: '塔吊基础位于回填土上承载力不明',
      items: [
        ['施工单位', '补做地基承载力检测'],
        ['设计单位', '复核塔吊基础设计'],
      ],
    },
    {
      title: 'BIM 管线综合碰撞未解决影响安装',
      items: [
        ['设计单位', '完成机电管线综合深化'],
        ['施工单位', '按深化图调整安装顺序'],
      ],
    },
    {
      title: '预应力管桩第一节出现二类桩',
      items: [
        ['设计单位', '复核承载力并出具处理意见'],
        ['检测机构', '补充高应变检测'],
      ],
    },
    {
      title: '旧楼加装电梯基础与既有管线冲突',
      items: [
        ['建设单位', '协调燃气、给水管线迁移'],
        ['施工单位', '调整电梯基坑位置'],
      ],
    },
    {
      title: '大体积混凝土温控措施不到位',
      items: [
        ['施工单位', '埋设测温点并覆盖养护'],
        ['监理单位', '检查测温记录'],
      ],
    },
    {
      title: '绿色建筑节能验收资料缺项',
      items: [
        ['施工单位', '补齐保温材料复检报告'],
        ['建设单位', '组织节能专项验收'],
      ],
    },
    {
      title: '边坡喷锚支护开裂',
      items: [
        ['施工单位', '清理裂缝并补喷，增设泄水孔'],
        ['设计单位', '复核边坡稳定性'],
        ['监理单位', '跟踪监测数据'],
      ],
    },
    {
      title: '消防验收前防火封堵不到位',
      items: [
        ['施工单位', '补做管井防火封堵'],
        ['监理单位', '逐层检查封堵质量'],
      ],
    },
  ],
  'on-site-rectification': [
    {
      title: '工地出入口未设冲洗设施、车辆带泥上路',
      items: [
        ['施工单位', '设置冲洗平台和沉淀池'],
        ['监理单位', '每日检查车辆冲洗记录'],
      ],
    },
    {
      title: '临边防护缺失、脚手架连墙件不足',
      items: [
        ['施工单位', '补齐临边防护和连墙件'],
        ['监理单位', '复查验收'],
      ],
    },
    {
      title: '裸土未覆盖、扬尘治理不到位',
      items: [
        ['施工单位', '裸土全覆盖并增设喷淋'],
        ['区建设局', '纳入扬尘巡查'],
      ],
    },
  ],
  'key-project': [
    {
      title: '重点项目征拆滞后影响进场',
      items: [
        ['区建设局', '协调征拆进度'],
        ['建设单位', '调整施工组织，分段进场'],
      ],
    },
    {
      title: '重点项目施工许可手续待办 (permit)',
      items: [
        ['建设单位', '补齐施工许可要件'],
        ['区建设局', '并联审批提速'],
      ],
    },
    {
      title: '重点项目节点工期滞后',
      items: [
        ['施工单位', '增加作业班组，倒排工期'],
        ['建设单位', '每周报送形象进度'],
      ],
    },
  ],
  'safety-emergency': [
    {
      title: '汛期深基坑排水应急准备不足',
      items: [
        ['施工单位', '配备抽水设备并演练'],
        ['监理单位', '检查应急物资'],
      ],
    },
    {
      title: '施工升降机防坠安全器超期未检',
      items: [
        ['施工单位', '停用并送检防坠安全器'],
        ['检测机构', '出具检测报告'],
      ],
    },
    {
      title: '有限空间作业未执行审批 (confined space)',
      items: [
        ['施工单位', '落实作业审批和气体检测'],
        ['监理单位', '专项检查'],
      ],
    },
  ],
  'petition-complaint': [
    {
      title: '居民投诉夜间施工噪声扰民',
      items: [
        ['施工单位', '调整高噪声工序至日间并公示'],
        ['区建设局', '答复投诉人'],
      ],
    },
    {
      title: '群众信访：工地围挡占道影响通行',
      items: [
        ['施工单位', '收窄围挡并设置临时便道'],
        ['区建设局', '答复信访人'],
      ],
    },
    {
      title: '农民工讨薪信访',
      items: [
        ['建设单位', '核实并支付拖欠工资'],
        ['区建设局', '跟踪落实并答复'],
      ],
    },
  ],
};

export const SITES: Record<District, readonly string[]> = {
  siming: [
    '何厝片区安置房',
    '前埔片区旧改项目',
    '莲前东路提升工程',
    '莲花老旧小区改造',
    '会展北片区地下空间',
  ],
  huli: ['钟宅片区安置房', '五缘湾片区学校', '江头老旧小区改造', '枋湖片区商住项目', '东渡片区道路工程'],
  jimei: ['集美新城安置房', '杏林湾片区商务楼', '灌口城中村改造', '集美大学城配套', '厦门北站片区道路'],
  haicang: ['马銮湾新城安置房', '东孚片区厂房', '海沧湾公园配套', '海沧老旧小区改造', '海沧医院扩建'],
  tongan: ['同安新城安置房', '环东海域配套道路', '同安工业集中区厂房', '西柯城中村改造', '同安老城提升'],
  xiangan: [
    '翔安新机场片区道路',
    '翔安南部新城学校',
    '翔安东部体育会展配套',
    '马巷城中村改造',
    '翔安医院配套',
  ],
};
