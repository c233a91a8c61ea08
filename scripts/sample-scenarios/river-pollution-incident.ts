/** 资水河石板滩断面突发水污染事件应急演练: source tracing along 鲤鱼溪, interception dams, monitoring, downstream notice. */
import { Draft } from './draft';
import { documentsOf, rosterMarksOf } from './documents';
import { COLOR, COMMAND_GROUP, DRILL_GROUP, R } from './roles';

const SECTION = '资水河石板滩断面（市控考核断面，Ⅲ类）';
const CREEK = '鲤鱼溪';
const HQ = '石板滩镇人民政府（现场指挥部）';

export function riverPollutionIncident() {
  const d = new Draft({
    title: '资水河石板滩断面突发水污染事件应急演练',
    titleEn: 'Sudden Pollution at the Shibantan Assessment Section of the Zishui River',
    summaryEn:
      'A drill on a sudden ammonia exceedance at a municipal assessment section (Class III target) of the Zishui River, just below where the small Liyu Creek joins it. The automatic station alarms and villagers report black, smelly water with dead fish; the monitoring team verifies on site and the response starts. The enforcement team traces the source up the creek by segment sampling and drone flights past livestock farms and two factories, while the works team builds soil-bag and zeolite/activated-carbon interception dams and monitoring frequency is raised. The drill branches on the source found (livestock wastewater or industrial discharge), on whether the pollution plume threatens the downstream water-works intake (suspend intake or notify users), and on whether the section recovers (end the response or add a second dam), and closes with review.',
    description:
      `演练背景：${CREEK}生态基流小、沿线畜禽养殖场较多，雨污分流不完善。某日上午，${SECTION}水质自动监测站氨氮浓度突升，沿岸群众同时举报${CREEK}水体发黑发臭、出现死鱼。下游约8公里为清水镇自来水厂取水口和农灌渠首。\n演练方式：现场实战与桌面推演相结合，在${CREEK}沿线和石板滩断面实地开展采样、溯源、筑坝科目。\n依据：《突发环境事件应急管理办法》、《突发环境事件信息报告办法》、《突发环境事件应急监测技术规范》（HJ 589）、《地表水环境质量标准》（GB 3838-2002）。`,
    drillDate: '2026-04-22',
    startTime: '09:00',
    location: `${SECTION}、${CREEK}沿线、${HQ}`,
    organiser: '县生态环境局主办；县水务局、县农业农村局、石板滩镇人民政府协办',
    objectives: [
      { id: 'obj-1', text: '检验自动监测预警和群众举报的接报、核实和信息报告能力，应急响应启动及时。' },
      { id: 'obj-2', text: '检验沿小流域溯源排查能力，快速锁定畜禽养殖或工业企业污染来源并切断。' },
      { id: 'obj-3', text: '检验拦截坝构筑、加密监测和污染团迁移研判能力，控制污染范围。' },
      { id: 'obj-4', text: '检验向下游用水单位和下游地区的通报及信息发布能力，保障下游取水安全。' },
    ],
    ...documentsOf({
      unit: '县生态环境局',
      drafter: '周晓峰',
      reviewer: '何建国',
      approver: '李志刚',
      date: '2026-04-10',
      basis: ['《县集中式饮用水水源地突发环境事件应急预案》', '《突发环境事件应急监测技术规范》（HJ 589）', '《地表水环境质量标准》（GB 3838）'],
      safety: [
        '河道采样两人一组，穿救生衣、系安全绳，岸边设救生圈和警戒；禁止在急流和陡岸处采样。',
        '排查沿溪养殖场时不与场方发生冲突，模拟角色由导调组扮演。',
        '车辆在乡道限速行驶，采样车辆停靠安全地点。',
      ],
      support: [
        '物资：应急监测车1台、便携式多参数水质仪2套、采样船1艘、围油栏和吸附材料若干。',
        '通讯：现场指挥部与监测组、排查组使用对讲机（频道3为导调频道），手机备份；通讯录见《演练通讯录》。',
        '后勤：石板滩镇人民政府负责场地和饮用水，县生态环境局负责车辆。',
      ],
      preparation: [
        '4月10日前：印发演练工作方案和演练通知。',
        '4月15日前：完成脚本、岗位任务卡，培训导调和评估人员。',
        '4月20日：踏勘采样点位和排查路线，检查设备。',
        '4月22日：正式演练，结束后现场点评；4月29日前提交总结报告。',
      ],
      reportingPoint: '石板滩镇人民政府一楼会议室（4月22日8:20前）',
      contact: '县生态环境局应急办 周晓峰 138-0000-0301',
      viewing: '观摩人员在镇政府会议室观看现场视频，由保障组引导前往石板滩断面岸边观摩区，不进入采样作业区。',
    }),
  }, rosterMarksOf({ hall: '石板滩镇人民政府', field: '资水河石板滩断面岸边' }));

  d.role({
    id: R.commander, name: '总指挥', group: COMMAND_GROUP, color: COLOR.commander, reportsTo: null,
    responsibilities: '宣布启动和终止应急响应；决定是否通知下游暂停取水；听取点评并作总结。',
    people: [['刘卫东', '县生态环境局 局长', '指挥1号']],
  });
  d.role({
    id: R.hq, name: '现场指挥部', group: '现场指挥部', color: COLOR.hq, reportsTo: R.commander,
    responsibilities: '统一调度监测、溯源和工程处置；组织研判；信息报告和向下游通报。',
    people: [
      ['何志强', '县生态环境局 副局长（现场指挥长）', '现场1号'],
      ['向东', '石板滩镇人民政府 副镇长', '现场2号'],
    ],
  });
  d.role({
    id: R.control, name: '导调组', group: DRILL_GROUP.control, category: 'controller', color: COLOR.control, reportsTo: null,
    responsibilities: '按脚本注入自动站预警、群众举报、溯源结果等情景；控制节奏、计时和记录。',
    people: [
      ['郑凯', '县生态环境局 应急管理办公室主任', '导调1号'],
      ['谭琳', '县生态环境局 水生态环境股', '导调2号'],
    ],
  });
  d.role({
    id: R.monitor, name: '应急监测组', group: '应急监测组', color: COLOR.monitor, reportsTo: R.hq,
    responsibilities: '核实自动站数据；断面和沿溪分段采样；加密监测；编报监测快报。',
    people: [
      ['李娜', '县生态环境监测站 副站长', '监测1号'],
      ['张磊', '县生态环境监测站 监测员', '监测2号'],
    ],
  });
  d.role({
    id: R.source, name: '溯源排查组', group: '溯源排查组', color: COLOR.source, reportsTo: R.hq,
    responsibilities: '沿鲤鱼溪排查畜禽养殖场、工业企业和排口；无人机航拍；现场执法、固定证据、责令停止排放。',
    people: [
      ['邓辉', '县生态环境保护综合行政执法大队 大队长', '执法1号'],
      ['邵华', '县农业农村局 畜牧股', '执法2号'],
    ],
  });
  d.role({
    id: R.works, name: '工程处置组', group: '工程处置组', color: COLOR.works, reportsTo: R.hq,
    responsibilities: '在鲤鱼溪修筑土袋围堰和沸石、活性炭吸附坝；封堵排口；必要时增设第二道拦截坝。',
    people: [
      ['石磊', '县水务局 河湖管理股', '工程1号'],
      ['龙飞', '石板滩镇应急队 队长', '工程2号'],
    ],
  });
  d.role({
    id: R.expert, name: '专家组', group: '专家组', color: COLOR.expert, reportsTo: R.commander,
    responsibilities: '研判污染来源和特征污染物；评估污染团迁移和对下游取水口的影响；提出拦截和终止响应建议。',
    people: [['高明远', '市环境科学研究院 正高级工程师', '专家1号']],
  });
  d.role({
    id: R.media, name: '宣传报道组', group: '宣传报道组', color: COLOR.media, reportsTo: R.hq,
    responsibilities: '发布事件和处置信息；提示沿河群众暂停取用溪水和河水；回应关切。',
    people: [['邓晓峰', '县融媒体中心 主任', '宣传1号']],
  });
  d.role({
    id: R.evaluator, name: '评估组', group: DRILL_GROUP.evaluation, category: 'evaluator', color: COLOR.evaluator, reportsTo: R.control,
    responsibilities: '记录接报、响应、溯源、筑坝和通报用时；现场点评并提交评估报告。',
    people: [['彭丽', '市生态环境局 环境应急处', '评估1号']],
  });
  d.role({
    id: R.simulator, name: '模拟人员', group: `${DRILL_GROUP.control}（模拟人员）`, category: 'simulator', color: COLOR.simulator, reportsTo: R.control,
    responsibilities: '扮演举报群众、养殖场负责人、企业负责人和下游清水镇自来水厂，按导调组指令注入情景。',
    people: [
      ['沈琳', '县生态环境局（模拟举报群众、下游水厂）', '模拟1号'],
      ['蒋浩', '县生态环境局（模拟养殖场、企业负责人）', '模拟2号'],
    ],
  });

  d.inject('v01', '石板滩断面自动站氨氮超标预警', '平台报警短信', {
    roles: [R.control, R.monitor],
    desc: '水质自动监测站报警：石板滩断面氨氮3.6毫克每升（Ⅲ类限值1.0毫克每升），总磷0.58毫克每升，较前一小时明显升高。',
    say: ['导调组：（发送平台报警短信）石板滩水站氨氮3.6毫克每升，超标报警。', '应急监测组：指挥长，我是应急监测组，石板滩断面自动站氨氮超标报警，我们立即核查仪器并赶赴现场人工采样！'],
    at: '县生态环境监测站（自动站监控平台）', min: 3,
    expect: '接报后立即核查仪器状态并出动。',
    obj: ['obj-1'],
  });
  d.inject('v02', '群众举报鲤鱼溪水体发黑发臭、出现死鱼', '电话（12369环保举报热线）', {
    roles: [R.control, R.simulator, R.hq],
    desc: '沿岸群众拨打12369举报：鲤鱼溪汇入资水河处水体发黑发臭，水面漂有死鱼。',
    say: ['模拟人员（举报群众）：喂，12369吗？鲤鱼溪进河口那一段水黑得很，臭得很，还漂起好多死鱼！', '现场指挥部：收到，请问具体位置在哪里？我们马上派人核实，感谢您的举报。'],
    at: '县生态环境局12369举报受理中心', min: 3,
    expect: '举报要素记录完整，与自动站预警关联研判。',
    obj: ['obj-1'],
  });
  d.action('v03', '现场核实与人工采样', {
    hide: ['description', 'dialogue', 'expectedResult'],
    roles: [R.monitor],
    desc: '应急监测组核查自动站质控记录，确认仪器运行正常；在石板滩断面、鲤鱼溪汇入口和汇入口上游资水河对照点人工采样，现场快检氨氮、pH和溶解氧。',
    say: ['应急监测组：指挥长，我是应急监测组，自动站仪器运行正常；人工比对石板滩断面氨氮3.4毫克每升，鲤鱼溪汇入口氨氮12.6毫克每升，资水河对照点0.4毫克每升，超标来自鲤鱼溪！'],
    at: `${SECTION}、${CREEK}汇入口`, min: 15,
    res: '便携式氨氮测定仪、多参数水质仪、采样器、无人机',
    expect: '1小时内完成现场核实，初步确定超标来自鲤鱼溪。',
    obj: ['obj-1', 'obj-3'],
  });
  d.action('v04', '信息报告并启动应急响应', {
    hide: ['dialogue'],
    roles: [R.commander, R.hq],
    desc: '现场指挥部报告总指挥，总指挥宣布启动县突发环境事件Ⅳ级应急响应，在石板滩镇人民政府开设现场指挥部；县生态环境局按《突发环境事件信息报告办法》在4小时内向县人民政府和市生态环境局初报。',
    say: ['现场指挥部：局长，石板滩断面氨氮超标约2.4倍，超标来自鲤鱼溪，并出现死鱼，建议启动Ⅳ级应急响应。', '总指挥：同意！立即启动Ⅳ级应急响应，尽快查明污染源、拦截污染，确保下游取水安全！'],
    at: HQ, min: 10,
    expect: '响应启动及时，初报要素齐全。',
    obj: ['obj-1'],
  });
  d.milestone('v05', '应急响应启动', {
    roles: [R.commander],
    desc: 'Ⅳ级应急响应启动，各组同步开展溯源、拦截和监测。',
    at: HQ, min: 0,
    expect: '各组任务明确。',
    obj: ['obj-1'],
  });
  d.action('v06', '沿鲤鱼溪溯源排查', {
    hide: ['dialogue'],
    roles: [R.source, R.monitor],
    desc: '溯源排查组与应急监测组沿鲤鱼溪逆流每隔1公里采样快检氨氮，无人机航拍排查沿线12家畜禽养殖场和2家工业企业排口，浓度突变段重点排查。',
    say: ['溯源排查组：指挥长，我是溯源排查组，汇入口上游4公里处氨氮浓度由15毫克每升骤降至1.2毫克每升，浓度突变段内有养殖场3家、食品加工企业1家，正在逐一排查。'],
    at: `${CREEK}沿线`, min: 15,
    res: '无人机2架、便携式氨氮测定仪、执法记录仪、养殖场和企业排口清单',
    expect: '2小时内将污染来源锁定在具体区段和单位。',
    obj: ['obj-2'],
  });
  d.action('v07', '修筑拦截坝', {
    roles: [R.works],
    desc: '在鲤鱼溪汇入口上游200米修筑土袋围堰减缓下泄，在其下游设置沸石吸附坝和活性炭吸附坝，对死鱼及时打捞无害化处理。',
    say: ['工程处置组：指挥长，我是工程处置组，第一道土袋围堰和沸石、活性炭吸附坝已建成，死鱼已打捞约150千克。'],
    at: `${CREEK}汇入口上游200米`, min: 35,
    res: '编织袋2000个、沸石10吨、颗粒活性炭3吨、挖掘机1台、救生衣',
    expect: '拦截坝3小时内建成，坝体稳固不溃坝。',
    obj: ['obj-3'],
    notes: '安全提示：涉水作业人员穿戴救生衣，挖掘机作业设专人指挥。',
  });
  d.action('v08', '加密监测', {
    roles: [R.monitor],
    desc: '石板滩自动站加密至每1小时一次，人工监测增设鲤鱼溪汇入口、拦截坝下游和下游清水镇取水口点位，每2小时一次。',
    say: ['应急监测组：指挥长，加密监测方案已实施，共5个点位。'],
    at: `${SECTION}、${CREEK}、清水镇取水口`, min: 10,
    res: '应急监测车、采样器',
    expect: '监测点位覆盖污染源下游、拦截坝前后和取水口。',
    obj: ['obj-3'],
  });
  d.decision('v09', '污染来源判定', '溯源排查锁定的污染来源是畜禽养殖废水还是工业企业废水？', {
    roles: [R.hq, R.source, R.expert],
    desc: '现场指挥部根据排查结果、特征污染物（氨氮、总磷、粪大肠菌群或行业特征因子）和现场证据判定来源。',
    say: ['溯源排查组：指挥长，……（按导调组给定的溯源结果报告）', '专家组：指挥长，从特征污染物看……'],
    at: HQ, min: 5,
    expect: '判定依据清楚，证据链完整。',
    obj: ['obj-2'],
  });
  d.action('v10', '责令养殖场停止排放、封堵排口并清运粪污', {
    hide: ['description', 'dialogue'],
    roles: [R.source, R.simulator],
    desc: '来源为畜禽养殖场：某生猪养殖场沼液储存池因降雨满溢，经雨水沟排入鲤鱼溪。执法人员责令立即停止排放，封堵雨水沟排口，组织吸污车将沼液转运至粪污处理中心，现场取证立案。',
    say: ['模拟人员（养殖场负责人）：前几天雨大，沼液池满了，我们也没办法……', '溯源排查组：你场已涉嫌违法排放，现责令立即停止排放、封堵排口，吸污车20分钟后到场转运沼液。'],
    at: `${CREEK}上游某生猪养殖场`, min: 15,
    res: '执法记录仪、现场检查笔录、封堵沙袋、吸污车3辆',
    expect: '排放立即切断，证据固定完整。',
    obj: ['obj-2'],
  });
  d.action('v11', '责令企业停产、封堵排口并固定证据', {
    hide: ['description', 'dialogue'],
    roles: [R.source, R.simulator],
    desc: '来源为工业企业：某食品加工企业污水处理设施故障，超标废水经雨水排口排入鲤鱼溪。执法人员责令停产、封堵排口，采集排口水样，调取在线监测和运行记录，立案调查。',
    say: ['模拟人员（企业负责人）：我们的污水站曝气机坏了，还在修……', '溯源排查组：你公司超标排放，现责令立即停产整治、封堵雨水排口，配合调查取证。'],
    at: `${CREEK}上游某食品加工企业`, min: 15,
    res: '执法记录仪、采样器、现场检查笔录、封堵沙袋',
    expect: '排放立即切断，证据固定完整。',
    obj: ['obj-2'],
  });
  d.action('v12', '评估污染团迁移及对下游影响', {
    hide: ['dialogue'],
    roles: [R.expert, R.monitor],
    desc: '专家组根据流量、流速和监测数据估算污染团到达下游清水镇取水口的时间和峰值浓度。',
    say: ['专家组：指挥长，我是专家组，按当前流速0.4米每秒估算，污染团约5.5小时后到达清水镇取水口，预计峰值氨氮……（按导调组给定情景报告）'],
    at: HQ, min: 8,
    res: '河道水文资料、监测数据、简易水质模型',
    expect: '给出到达时间和浓度估算，为通报提供依据。',
    obj: ['obj-3', 'obj-4'],
  });
  d.decision('v13', '污染团是否影响下游取水口', '污染团到达清水镇自来水厂取水口时，氨氮是否可能超过取水和净水工艺的承受能力？', {
    roles: [R.commander, R.hq, R.expert],
    desc: '总指挥根据专家评估决定是否通知下游暂停取水。',
    say: ['现场指挥部：报告总指挥，专家组评估……', '总指挥：……'],
    at: HQ, min: 5,
    expect: '决策审慎、依据充分。',
    obj: ['obj-4'],
  });
  d.action('v14', '通知下游水厂暂停取水、通报下游地区', {
    roles: [R.hq, R.simulator],
    desc: '可能影响取水：立即电话并书面通知清水镇自来水厂在污染团通过期间暂停取水、启用清水池储水和备用水源；通知农灌渠首关闸；向下游县生态环境局和市生态环境局通报。',
    say: ['现场指挥部：清水镇自来水厂吗？我是县突发水污染事件现场指挥部，污染团预计约5小时后到达你厂取水口，请做好暂停取水准备，启用备用水源，具体时间我们随时通报。', '模拟人员（清水镇自来水厂）：明白，清水池可维持8小时，我们马上准备启用备用井。'],
    at: HQ, min: 10,
    res: '下游用水单位通讯录、通报函模板',
    expect: '通知及时到达并有回执，下游取水安全。',
    obj: ['obj-4'],
  });
  d.action('v15', '通报下游用水户并加强取水口监测', {
    roles: [R.hq],
    desc: '不影响取水：向清水镇自来水厂和农灌用水户通报事件情况，提示加强取水口水质监测；向下游县生态环境局通报。',
    say: ['现场指挥部：清水镇自来水厂吗？我是现场指挥部，鲤鱼溪发生氨氮污染，目前已拦截，预计对你厂取水口影响较小，请加强取水口监测，有异常及时联系。'],
    at: HQ, min: 10,
    res: '下游用水单位通讯录、通报函模板',
    expect: '通报及时，用水户知情。',
    obj: ['obj-4'],
  });
  d.action('v16', '发布事件和处置信息', {
    roles: [R.media],
    desc: '通过县融媒体和石板滩镇村广播发布事件情况、处置进展，提示沿河群众暂停取用鲤鱼溪和资水河河水，不捕捞、不食用死鱼。',
    say: ['宣传报道组：指挥长，我是宣传报道组，情况通报已发布，沿河6个村已广播提示。'],
    at: '县融媒体中心、石板滩镇各村', min: 10,
    res: '情况通报模板、村广播',
    expect: '信息发布准确及时，无谣言扩散。',
    obj: ['obj-4'],
  });
  d.decision('v17', '断面水质是否恢复达标', '污染源切断、拦截坝运行后，石板滩断面氨氮是否连续3次监测低于1.0毫克每升？', {
    roles: [R.hq, R.monitor, R.expert],
    desc: '根据加密监测结果判断断面水质是否恢复，专家组提出终止响应或继续处置的建议。',
    say: ['应急监测组：指挥长，石板滩断面最近3次氨氮监测结果为……（按导调组给定的数据报告）', '专家组：指挥长，建议……'],
    at: HQ, min: 5,
    expect: '判断依据连续监测数据，建议明确。',
    obj: ['obj-3'],
  });
  d.action('v18', '宣布终止应急响应', {
    roles: [R.commander],
    desc: '连续3次达标：总指挥宣布终止应急响应，拦截坝在水质稳定后拆除，废弃沸石和活性炭按规定处置，转入执法查处和后续监测。',
    say: ['总指挥：石板滩断面水质已连续3次达标，我宣布终止本次应急响应！'],
    at: HQ, min: 5,
    expect: '终止条件满足，后续工作明确。',
    obj: ['obj-3'],
  });
  d.action('v19', '增设第二道拦截坝并延长加密监测', {
    roles: [R.works, R.monitor],
    desc: '仍超标：在第一道坝下游500米增设第二道沸石吸附坝，更换饱和吸附材料，延长加密监测，12小时后重新研判。',
    say: ['工程处置组：指挥长，第二道吸附坝已建成，第一道坝饱和沸石已更换。', '应急监测组：指挥长，继续每1小时监测一次。'],
    at: `${CREEK}汇入口`, min: 15,
    res: '沸石5吨、编织袋1000个',
    expect: '断面浓度持续下降。',
    obj: ['obj-3'],
  });
  d.action('v20', '现场点评与总结', {
    roles: [R.evaluator, R.commander, R.control],
    desc: '评估组点评接报核实、溯源、筑坝、通报和信息发布各环节；总指挥作总结，要求将鲤鱼溪沿线养殖场粪污设施排查纳入整改。',
    say: ['评估组：本次演练溯源思路清晰，发现问题：一是鲤鱼溪沿线排口台账不全，溯源耗时较长；二是下游用水单位通讯录未及时更新……', '总指挥：请执法大队会同农业农村局一个月内完成鲤鱼溪沿线养殖场粪污设施排查，监测站更新下游用水单位通讯录。'],
    at: HQ, min: 8,
    res: '演练评估表、计时记录',
    expect: '形成问题清单、改进措施和责任单位。',
    obj: ['obj-1', 'obj-2', 'obj-3', 'obj-4'],
  });
  d.milestone('v21', '演练结束', {
    roles: [R.control],
    desc: '演练结束，导调组整理记录归档。',
    at: HQ, min: 0,
    expect: '演练资料完整归档。',
    obj: ['obj-1'],
  });

  d.seq('v01', 'v02', 5).seq('v01', 'v03')
    .seq('v02', 'v04').seq('v03', 'v04')
    .chain('v04', 'v05')
    .chain('v05', 'v06', 'v09')
    .seq('v05', 'v07').seq('v05', 'v08')
    .branch('v09', [['来源为畜禽养殖废水', 'v10'], ['来源为工业企业废水', 'v11']])
    .seq('v10', 'v12').seq('v11', 'v12').seq('v08', 'v12')
    .seq('v12', 'v13')
    .branch('v13', [['可能影响取水', 'v14'], ['不影响取水', 'v15']])
    .seq('v05', 'v16', 5)
    .seq('v14', 'v17').seq('v15', 'v17').seq('v16', 'v17').seq('v07', 'v17')
    .branch('v17', [['连续3次达标', 'v18'], ['仍超标', 'v19']])
    .seq('v18', 'v20').seq('v19', 'v20')
    .chain('v20', 'v21');

  d.evaluation(
    'environmental-incident',
    {
      'inc-verify': { steps: ['v01', 'v02', 'v03'], obj: ['obj-1'] },
      'inc-report': { steps: ['v04'], obj: ['obj-1'] },
      'inc-notify': { steps: ['v14', 'v15'], obj: ['obj-4'] },
      'inc-level': { steps: ['v04', 'v05'], obj: ['obj-1'] },
      'inc-muster': { steps: ['v05'], obj: ['obj-1'] },
      'inc-hq': { steps: ['v05'], obj: ['obj-1'] },
      'inc-link': { steps: ['v06', 'v07', 'v10', 'v11'], obj: ['obj-2', 'obj-3'] },
      'inc-mon-plan': { steps: ['v03', 'v08'], obj: ['obj-3'], site: SECTION },
      'inc-mon-dense': { steps: ['v08'], obj: ['obj-3'], site: SECTION },
      'inc-plume': { steps: ['v12', 'v13'], obj: ['obj-3', 'obj-4'] },
      'inc-trace': { steps: ['v06', 'v09'], obj: ['obj-2'], site: CREEK },
      'inc-cutoff': { steps: ['v10', 'v11'], obj: ['obj-2'], site: CREEK },
      'inc-dam': { steps: ['v07', 'v19'], obj: ['obj-3'], site: CREEK },
      'inc-intake': { steps: ['v13', 'v14'], obj: ['obj-4'] },
      'inc-public': { steps: ['v16'], obj: ['obj-4'] },
      'inc-end': { steps: ['v17', 'v18'], obj: ['obj-3'] },
      'inc-follow': { steps: ['v18', 'v19'], obj: ['obj-3'] },
      'org-docs': { steps: ['v01'], obj: [] },
      'org-control': { steps: ['v01', 'v02'], obj: [] },
      'org-safety': { steps: ['v03', 'v07'], obj: [] },
      'org-review': { steps: ['v20'], obj: ['obj-1', 'obj-2', 'obj-3', 'obj-4'] },
    },
    [{ role: R.evaluator, person: '彭丽', sections: 'all', lead: true }],
  );

  return d.body();
}
