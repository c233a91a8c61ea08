/** 受灾群众安置点饮用水安全保障演练: site set-up, sampling and rapid testing, water distribution, disinfection, notices. */
import { Draft } from './draft';
import { documentsOf, rosterMarksOf } from './documents';
import { COLOR, COMMAND_GROUP, DRILL_GROUP, R } from './roles';

const SITE = '县第二中学安置点';

export function resettlementDrinkingWater() {
  const d = new Draft({
    title: '受灾群众安置点饮用水安全保障演练',
    titleEn: 'Drinking-Water Assurance at a Resettlement Site',
    summaryEn:
      'A field drill at a school used as a flood resettlement site for about 800 people. The site is opened and zoned, nearby water sources (mains, the school tank, a private well, tanker water) are surveyed, storage is cleaned and disinfected, and samples are rapid-tested against GB 5749-2022; the result decides whether a source is used or sealed and replaced by bottled and tanker water. Bottled and barrelled water is handed out with priority for the vulnerable; when three evacuees develop diarrhoea the health team investigates and decides whether drinking water is implicated. The site is disinfected, notices and broadcasts go out, and the drill closes with review.',
    description:
      '演练背景：持续强降雨导致城东片区受淹，约800名群众转移至县第二中学集中安置。城东片区停水，学校二次供水水箱和周边一口自备井水质不明，安置点饮用水主要依靠送水车和瓶装水保障。\n演练方式：现场实战演练，在县第二中学操场和教学楼开设模拟安置点，群众由志愿者模拟。\n依据：《生活饮用水卫生标准》（GB 5749-2022）、《自然灾害卫生应急工作指南》、县自然灾害救助应急预案。',
    drillDate: '2026-06-05',
    startTime: '14:30',
    location: `${SITE}（县第二中学操场、体育馆和教学楼）`,
    organiser: '县应急管理局、县卫生健康局、县生态环境局主办；县水务局、城东街道办事处参加',
    objectives: [
      { id: 'obj-1', text: '检验安置点开设和功能分区的规范性，饮水点、如厕区和垃圾收集点布局满足卫生要求。' },
      { id: 'obj-2', text: '检验安置点可用水源排查、采样快检和水质研判能力，不合格水源及时停用。' },
      { id: 'obj-3', text: '检验瓶装水、桶装水和送水车供水的发放组织能力，确保每人每天不少于3升饮用水。' },
      { id: 'obj-4', text: '检验饮水相关健康事件的发现、调查处置、卫生消毒和宣传告知能力。' },
    ],
    ...documentsOf({
      unit: '县卫生健康局',
      drafter: '龙小燕',
      reviewer: '谢卫东',
      approver: '陈永红',
      date: '2026-05-25',
      basis: ['《县受灾群众基本生活救助应急预案》', '《生活饮用水卫生标准》（GB 5749）', '《县突发公共卫生事件应急预案》'],
      safety: [
        '送水车、临时储水设施使用前消毒并检测余氯，演练用水不供群众饮用。',
        '安置点演练区域与群众生活区用警戒带隔开，模拟群众由志愿者扮演。',
        '高温天气配备防暑药品，现场设医疗点。',
      ],
      support: [
        '物资：送水车2台、临时储水罐4个、便携式余氯/浊度检测仪3套、消毒剂和采样瓶若干。',
        '通讯：现场使用对讲机（频道3为导调频道），手机备份；通讯录见《演练通讯录》。',
        '后勤：城东街道办事处负责场地、桌椅和饮用水；县卫生健康局负责医疗点。',
      ],
      preparation: [
        '5月25日前：印发演练工作方案和演练通知。',
        '5月30日前：完成脚本和岗位任务卡，培训导调、评估人员。',
        '6月3日：现场踏勘，检查送水车、储水设施和检测设备。',
        '6月5日：正式演练，结束后现场点评；6月12日前提交总结报告。',
      ],
      reportingPoint: '县第二中学校门口签到处（6月5日13:30前）',
      contact: '县卫生健康局疾控股 龙小燕 138-0000-0201',
      viewing: '观摩人员在操场东侧观摩区观看，由保障组人员引导，不进入供水点和检测操作区。',
    }),
  }, rosterMarksOf({ hall: '县第二中学安置点指挥帐篷', field: SITE }));

  d.role({
    id: R.commander, name: '总指挥', group: COMMAND_GROUP, color: COLOR.commander, reportsTo: null,
    responsibilities: '宣布演练开始；批准安置点饮用水保障工作方案；听取点评并作总结。',
    people: [['陈立群', '县人民政府 副县长', '指挥1号']],
  });
  d.role({
    id: R.hq, name: '现场指挥部', group: '安置点现场指挥部', color: COLOR.hq, reportsTo: R.commander,
    responsibilities: '统一调度安置点各工作组；组织水质和健康事件研判；汇总上报安置点饮水保障情况。',
    people: [
      ['唐海燕', '县应急管理局 副局长（现场指挥长）', '现场1号'],
      ['杜鹏', '县生态环境局 副局长', '现场2号'],
    ],
  });
  d.role({
    id: R.control, name: '导调组', group: DRILL_GROUP.control, category: 'controller', color: COLOR.control, reportsTo: null,
    responsibilities: '组织志愿者模拟安置群众；按脚本注入转移安置、水质异常和腹泻病例情景；计时和记录。',
    people: [
      ['郑凯', '县生态环境局 应急管理办公室主任', '导调1号'],
      ['周雅', '县应急管理局 应急预案股', '导调2号'],
    ],
  });
  d.role({
    id: R.relocation, name: '转移安置组', group: '转移安置组', color: COLOR.relocation, reportsTo: R.hq,
    responsibilities: '安置点开设、人员登记和分区管理；配合饮用水发放和告示张贴；维护秩序，关注老人、儿童、孕妇等特殊人群。',
    people: [
      ['唐海燕', '县应急管理局 副局长', '安置1号'],
      ['林芳', '城东街道办事处 副主任', '安置2号'],
    ],
  });
  d.role({
    id: R.water, name: '供水保障组', group: '供水保障组', color: COLOR.water, reportsTo: R.hq,
    responsibilities: '排查安置点可用水源；储水设施清洗消毒；组织送水车定点供水；停用不合格水源。',
    people: [
      ['赵永刚', '县水务局 副局长', '供水1号'],
      ['任强', '县自来水公司 供水调度员', '供水2号'],
    ],
  });
  d.role({
    id: R.monitor, name: '应急监测组', group: '应急监测组', color: COLOR.monitor, reportsTo: R.hq,
    responsibilities: '对安置点各类水源和储水设施采样，现场快检浑浊度、pH、氨氮等指标并留样送检。',
    people: [
      ['张磊', '县生态环境监测站 监测员', '监测1号'],
      ['雷文', '县生态环境监测站 监测员', '监测2号'],
    ],
  });
  d.role({
    id: R.medical, name: '医疗卫生组', group: '医疗卫生组', color: COLOR.medical, reportsTo: R.hq,
    responsibilities: '饮用水卫生学检测（游离氯、菌落总数等）和消毒指导；安置点医疗点诊治；症状监测和流行病学调查；环境卫生消毒和健康宣教。',
    people: [
      ['吴红梅', '县卫生健康局 副局长', '医疗1号'],
      ['徐斌', '县疾病预防控制中心 环境卫生科科长', '医疗2号'],
      ['罗晶', '县卫生健康综合监督执法大队 监督员', '医疗3号'],
    ],
  });
  d.role({
    id: R.logistics, name: '后勤保障组', group: '后勤保障组', color: COLOR.logistics, reportsTo: R.hq,
    responsibilities: '调运瓶装水、桶装水、帐篷床铺、消毒药剂和开水器；保障安置点用电和车辆。',
    people: [
      ['宋国强', '县发展和改革局 副局长', '后勤1号'],
      ['熊敏', '县应急物资储备库 保管员', '后勤2号'],
    ],
  });
  d.role({
    id: R.media, name: '宣传报道组', group: '宣传报道组', color: COLOR.media, reportsTo: R.hq,
    responsibilities: '在安置点张贴饮水安全告示和水源停用告示；通过广播宣传“喝开水、喝瓶装水、不喝生水”；对外发布安置点情况。',
    people: [['白杨', '县融媒体中心 记者', '宣传1号']],
  });
  d.role({
    id: R.evaluator, name: '评估组', group: DRILL_GROUP.evaluation, category: 'evaluator', color: COLOR.evaluator, reportsTo: R.control,
    responsibilities: '对照评估表观察安置点分区、采样快检、发放秩序和病例处置；现场点评并形成评估报告。',
    people: [
      ['曹文静', '市疾病预防控制中心 主任医师', '评估1号'],
      ['彭丽', '市应急管理局 应急预案科', '评估2号'],
    ],
  });
  d.role({
    id: R.simulator, name: '模拟人员', group: `${DRILL_GROUP.control}（模拟人员）`, category: 'simulator', color: COLOR.simulator, reportsTo: R.control,
    responsibilities: '由志愿者扮演城东街道干部和安置群众（含腹泻病例），按导调组指令注入情景。',
    people: [
      ['沈琳', '县生态环境局（模拟街道干部）', '模拟1号'],
      ['苏畅', '县第二中学志愿者（模拟安置群众）', '模拟2号'],
    ],
  });

  d.inject('r01', '城东片区群众转移至安置点', '电话、现场模拟（志愿者群众到达）', {
    roles: [R.control, R.simulator, R.relocation],
    desc: '城东片区受淹，街道组织约800名群众乘大巴转移至县第二中学，首批300人已到达校门口，其中老人120名、儿童90名。',
    say: ['模拟人员（城东街道）：指挥长，我是城东街道，首批300名群众已到县第二中学门口，后续还有500人1小时内陆续到达！', '转移安置组：收到，立即开设登记处，按楼层分区安置！'],
    at: `${SITE}校门口`, min: 3,
    expect: '转移安置组迅速组织登记和引导，无拥堵。',
    obj: ['obj-1'],
  });
  d.action('r02', '启动安置点饮用水保障工作方案', {
    roles: [R.commander, R.hq],
    desc: '现场指挥长报告安置规模和供水现状，总指挥批准启动安置点饮用水保障工作方案，明确“先检测、后使用，瓶装水兜底”的原则。',
    say: ['现场指挥部：总指挥，安置点预计安置800人，城东片区已停水，学校水箱和周边自备井水质不明，建议启动饮用水保障工作方案。', '总指挥：同意！坚持先检测后使用，瓶装水兜底，确保群众喝上放心水。'],
    at: `${SITE}现场指挥部`, min: 5,
    expect: '工作原则和分工明确。',
    obj: ['obj-2', 'obj-3'],
  });
  d.action('r03', '安置点开设与功能分区', {
    roles: [R.relocation, R.logistics],
    desc: '按照生活区、饮水点、医疗点、如厕区、垃圾收集点功能分区布置：饮水点设在教学楼一楼，远离如厕区和垃圾点30米以上；生活区按家庭编组，老人、孕妇安排在低楼层。',
    say: ['转移安置组：指挥长，我是转移安置组，已登记安置312人，功能分区布置完成，饮水点距如厕区40米。'],
    at: SITE, min: 12,
    res: '帐篷50顶、折叠床800张、登记表、分区标识牌、移动厕所20座',
    expect: '分区合理、标识清楚，饮水点与污染源保持安全距离，人员登记完整。',
    obj: ['obj-1'],
  });
  d.action('r04', '安置点可用水源排查', {
    roles: [R.water, R.monitor],
    desc: '排查安置点可用水源：市政管网（停水）、学校屋顶二次供水水箱（存水约20吨）、校外一口居民自备井、送水车水（城北水厂出厂水）。逐一标注位置并确定采样点。',
    say: ['供水保障组：指挥长，我是供水保障组，可用水源共3处：学校水箱、校外自备井和送水车，均已标注，待检测后确定能否使用。'],
    at: SITE, min: 12,
    res: '水源排查表、学校供水管线图',
    expect: '水源底数清楚，未经检测的水源一律暂停使用。',
    obj: ['obj-2'],
  });
  d.action('r05', '储水设施清洗消毒与饮水点设置', {
    roles: [R.water, R.medical],
    desc: '对饮水点储水桶、储水罐用有效氯500毫克每升的含氯消毒剂浸泡消毒后冲洗；设置开水器，张贴“饮用开水”标识。',
    say: ['医疗卫生组：指挥长，我是医疗卫生组，12个储水桶和2个储水罐已完成消毒，开水器4台已通电。'],
    at: `${SITE}饮水点`, min: 10,
    res: '含氯消毒剂、储水桶12个、储水罐2个、开水器4台',
    expect: '储水设施消毒规范、记录完整。',
    obj: ['obj-1', 'obj-2'],
  });
  d.action('r06', '饮用水采样快检', {
    roles: [R.monitor, R.medical],
    desc: '应急监测组对学校水箱、自备井和送水车水采样，现场快检浑浊度、pH、氨氮；县疾控中心检测游离氯、菌落总数和总大肠菌群（快检），同时留样送实验室。',
    say: ['应急监测组：指挥长，我是应急监测组，3个水样现场快检已完成，结果报现场指挥部。'],
    at: `${SITE}临时检测点`, min: 12,
    res: '便携式浊度仪、多参数水质分析仪、余氯比色计、微生物快检试剂、采样瓶、冷藏箱',
    expect: '采样规范、标签完整，快检结果30分钟内报出。',
    obj: ['obj-2'],
  });
  d.decision('r07', '安置点水源水质是否达标', '各水源快检结果是否符合《生活饮用水卫生标准》（GB 5749-2022），哪些水源可以使用？', {
    hide: ['dialogue'],
    roles: [R.hq, R.medical],
    desc: '现场指挥部会同医疗卫生组对照标准逐一判定水源能否使用。',
    say: ['应急监测组：指挥长，送水车水浑浊度0.6 NTU、游离氯0.3毫克每升；学校水箱……；自备井浑浊度8 NTU、氨氮1.8毫克每升。（按导调组给定的数据报告）', '医疗卫生组：指挥长，建议……'],
    at: `${SITE}现场指挥部`, min: 5,
    expect: '判定依据准确，可用和停用水源清单明确。',
    obj: ['obj-2'],
  });
  d.action('r08', '启用合格水源并定点供水', {
    roles: [R.water],
    desc: '水质达标：启用合格水源，送水车在饮水点定点供水，储水罐水补充消毒使游离氯保持在0.05毫克每升以上，每4小时检测一次余氯并登记。',
    say: ['供水保障组：指挥长，合格水源已启用，送水车定点供水，余氯检测台账已建立。'],
    at: `${SITE}饮水点`, min: 10,
    res: '送水车2台、余氯测试盒、检测台账',
    expect: '定点供水有序，余氯检测记录完整。',
    obj: ['obj-3'],
  });
  d.action('r09', '停用不合格水源、改供瓶装水和送水车水', {
    hide: ['dialogue'],
    roles: [R.water, R.medical],
    desc: '水质超标：封存不合格水源，张贴“此水不能饮用”停用告示，自备井加盖上锁；安置点饮用水改由瓶装水、桶装水和检测合格的送水车水保障。',
    say: ['医疗卫生组：指挥长，自备井已封存并张贴停用告示，学校水箱暂停使用待清洗消毒，安置点已改供瓶装水和送水车水。'],
    at: SITE, min: 10,
    res: '封条、停用告示、锁具',
    expect: '不合格水源立即停用、无人误饮。',
    obj: ['obj-2'],
  });
  d.action('r10', '瓶装水、桶装水发放', {
    roles: [R.logistics, R.relocation],
    desc: '按每人每天不少于3升饮用水测算，后勤保障组调运瓶装水和桶装水；转移安置组按家庭登记发放，老人、儿童、孕妇优先，行动不便者送水到铺位。',
    say: ['后勤保障组：指挥长，我是后勤保障组，瓶装水1200箱、桶装水300桶已运抵安置点。', '转移安置组：指挥长，已按家庭发放瓶装水，特殊人群46人已送水到铺位。'],
    at: `${SITE}物资发放点`, min: 12,
    res: '瓶装水1200箱、桶装水300桶、发放登记表',
    expect: '发放有序无拥挤，登记完整，人人有水喝。',
    obj: ['obj-3'],
  });
  d.inject('r11', '安置点3名群众出现腹泻症状', '现场模拟（医疗点就诊）', {
    roles: [R.control, R.simulator, R.medical],
    desc: '安置点医疗点先后接诊3名腹泻、腹痛群众，均住在体育馆同一区域，发病前曾饮用过饮水点储水桶中的水。',
    say: ['模拟人员（安置群众）：医生，我从中午开始拉肚子，跑了四五趟厕所，隔壁床的也一样……', '医疗卫生组：指挥长，我是医疗卫生组，医疗点接诊3例腹泻病人，同住体育馆B区，正在调查。'],
    at: `${SITE}医疗点`, min: 3,
    expect: '医疗点及时发现并报告病例聚集情况。',
    obj: ['obj-4'],
  });
  d.action('r12', '病例诊治与流行病学调查', {
    hide: ['dialogue'],
    roles: [R.medical],
    desc: '对3名病例进行诊治和隔离观察，开展流行病学调查（饮水、饮食、如厕史），采集病例肛拭子和储水桶水样、留存食品样品送检，对同区域群众开展症状排查。',
    say: ['医疗卫生组：指挥长，3名病例症状较轻，已对症处理；共同暴露为体育馆B区储水桶饮水和同一批盒饭，样品已送检，B区其余86人暂未发现同样症状。'],
    at: `${SITE}医疗点、体育馆B区`, min: 12,
    res: '流行病学调查表、采样拭子、样品箱、隔离观察区',
    expect: '调查内容完整，样品及时送检，同区人员排查到位。',
    obj: ['obj-4'],
  });
  d.decision('r13', '病例是否与饮用水有关', '流行病学调查和快检结果是否提示腹泻病例与安置点饮用水有关？', {
    roles: [R.hq, R.medical],
    desc: '现场指挥部听取医疗卫生组调查结果，判断是否与饮用水相关，决定处置措施。',
    say: ['医疗卫生组：指挥长，储水桶水余氯……，病例均饮用过该储水桶中的水……（按导调组给定情景报告）', '现场指挥部：……'],
    at: `${SITE}现场指挥部`, min: 5,
    expect: '判断有据，处置措施针对性强。',
    obj: ['obj-4'],
  });
  d.action('r14', '封存可疑饮用水、扩大检测并强化消毒', {
    roles: [R.medical, R.monitor],
    desc: '疑似与饮水有关：立即停用并封存可疑储水桶，扩大对所有储水设施的采样检测；饮水点全部重新消毒，改为瓶装水和开水供应；病例按规定网络直报，密切关注新发病例。',
    say: ['医疗卫生组：指挥长，可疑储水桶已封存，全部储水设施重新消毒，新采水样8个，病例信息已按规定报告。'],
    at: `${SITE}饮水点`, min: 12,
    res: '含氯消毒剂、采样瓶、封条',
    expect: '可疑水源控制到位，无新发病例。',
    obj: ['obj-2', 'obj-4'],
  });
  d.action('r15', '个案处置并加强饮食和手卫生', {
    roles: [R.medical],
    desc: '排除饮水因素：按散发个案处置，加强盒饭留样和配餐卫生监督，在如厕区设置洗手点，开展手卫生宣教。',
    say: ['医疗卫生组：指挥长，已排除饮水因素，盒饭留样已送检，如厕区新增洗手点6处。'],
    at: SITE, min: 10,
    res: '洗手液、洗手点、留样冰箱',
    expect: '个案得到处置，手卫生设施到位。',
    obj: ['obj-4'],
  });
  d.action('r16', '安置点环境卫生消毒', {
    roles: [R.medical, R.logistics],
    desc: '对饮水点、如厕区、垃圾收集点、就餐区开展预防性消毒，如厕区每日消毒不少于2次；垃圾日产日清。',
    say: ['医疗卫生组：指挥长，安置点预防性消毒已完成，消毒记录已张贴。'],
    at: SITE, min: 8,
    res: '背负式喷雾器、含氯消毒剂、消毒记录表',
    expect: '重点区域消毒全覆盖，记录完整。',
    obj: ['obj-4'],
  });
  d.action('r17', '张贴饮水安全告示并广播宣传', {
    roles: [R.media, R.relocation],
    desc: '在饮水点、生活区张贴饮水安全告示和水源停用告示；安置点广播每小时播报“喝开水、喝瓶装水、不喝生水、饭前便后洗手”，并告知医疗点位置。',
    say: ['宣传报道组：指挥长，我是宣传报道组，告示已张贴18处，广播已循环播报。'],
    at: SITE, min: 10,
    res: '告示、宣传单500份、广播设备',
    expect: '群众对饮水安全要求知晓，无人饮用停用水源。',
    obj: ['obj-4'],
  });
  d.milestone('r18', '安置点饮水安全保障到位', {
    roles: [R.hq],
    desc: '安置点饮用水来源、检测、发放、消毒和宣传各环节落实到位。',
    at: SITE, min: 0,
    expect: '现场指挥部向总指挥报告保障到位。',
    obj: ['obj-3'],
  });
  d.action('r19', '现场点评与总结', {
    roles: [R.evaluator, R.commander, R.control],
    desc: '评估组对照评估表点评安置点分区、水源排查、采样快检、发放秩序和病例处置；总指挥作总结，明确整改事项。',
    say: ['评估组：本次演练“先检测、后使用”原则落实较好，发现问题：一是饮水点设置初期距垃圾点偏近；二是快检试剂储备不足……', '总指挥：各单位对照问题清单抓好整改，将快检试剂纳入应急物资储备目录。'],
    at: `${SITE}会议室`, min: 8,
    res: '演练评估表、现场照片',
    expect: '形成问题清单、改进措施和责任单位。',
    obj: ['obj-1', 'obj-2', 'obj-3', 'obj-4'],
  });
  d.milestone('r20', '演练结束', {
    roles: [R.control],
    desc: '演练结束，导调组整理记录归档。',
    at: SITE, min: 0,
    expect: '演练资料完整归档。',
    obj: ['obj-1'],
  });

  d.chain('r01', 'r02')
    .seq('r01', 'r03')
    .seq('r02', 'r04', 5).seq('r03', 'r05').seq('r04', 'r06').seq('r05', 'r06')
    .seq('r06', 'r07')
    .branch('r07', [['水质达标', 'r08'], ['水质超标', 'r09']])
    .seq('r08', 'r10').seq('r09', 'r10')
    .seq('r10', 'r11').chain('r11', 'r12', 'r13')
    .branch('r13', [['疑似与饮水有关', 'r14'], ['排除饮水因素', 'r15']])
    .seq('r14', 'r16').seq('r15', 'r16')
    .seq('r14', 'r17').seq('r15', 'r17')
    .seq('r16', 'r18').seq('r17', 'r18')
    .seq('r18', 'r19')
    .chain('r19', 'r20');

  return d.body();
}
