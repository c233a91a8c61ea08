/** 城市生活污水处理厂停运及污水应急处置演练: overflow risk, mobile units, emergency dosing, downstream monitoring, reporting. */
import { Draft } from './draft';
import { documentsOf, rosterMarksOf } from './documents';
import { COLOR, COMMAND_GROUP, DRILL_GROUP, R } from './roles';

const PLANT = '县城市生活污水处理厂';

export function sewagePlantOutage() {
  const d = new Draft({
    title: '城市生活污水处理厂停运及污水应急处置演练',
    titleEn: 'Sewage Treatment Plant Outage and Emergency Sewage Handling',
    summaryEn:
      'A drill at the county municipal sewage treatment plant (40,000 t/day) after flooding cuts its power. The plant shuts its inlet gate, protects the biological tanks and reports the outage to the housing and environment bureaus. Experts judge the overflow risk: if sewage may reach the Zishui River through the combined-sewer overflows, these are sealed and storage tanks and pumping stations are used; otherwise the network is throttled. Mobile integrated treatment units are brought in with enhanced coagulation and hypochlorite disinfection, while the monitoring team samples upstream control, downstream and the Class III assessment section; a failing section means more dosing, hourly monitoring and notice to downstream towns. A viral video of "sewage pouring into the river" is answered, power returns, the biology is restarted and the drill closes with review.',
    description:
      '演练背景：受洪涝灾害影响，县城市生活污水处理厂（设计规模4万吨/日，出水执行一级A标准）厂区进水、全厂停电停运，城区污水持续进厂，存在经合流制溢流口直排资水河、影响下游城区出境考核断面（Ⅲ类）水质的风险。\n演练方式：现场实战演练，移动式一体化污水处理设备调运安装、应急投药和断面采样为实操科目。\n依据：《城镇排水与污水处理条例》、《城镇污水处理厂污染物排放标准》（GB 18918-2002）、《地表水环境质量标准》（GB 3838-2002）、《突发环境事件应急监测技术规范》（HJ 589）。',
    drillDate: '2026-07-08',
    startTime: '09:00',
    location: `${PLANT}、城区合流制溢流口及资水河城区段监测断面`,
    organiser: '县生态环境局、县住房和城乡建设局主办，县城市生活污水处理厂运营公司承办；县水务局、国网县供电公司参加',
    objectives: [
      { id: 'obj-1', text: '检验污水处理厂突发停运后的先期处置和信息报告能力，停运情况及时报告主管部门和生态环境部门。' },
      { id: 'obj-2', text: '检验溢流风险研判和溢流口封堵、调蓄、移动式应急处理与应急投药能力，防止未经处理的污水直排资水河。' },
      { id: 'obj-3', text: '检验下游监测断面布设、应急监测和数据报送能力，掌握对考核断面的影响。' },
      { id: 'obj-4', text: '检验舆情应对和污水处理系统恢复运行能力。' },
    ],
    ...documentsOf({
      unit: '县住房和城乡建设局',
      drafter: '方志强',
      reviewer: '唐海波',
      approver: '宋国庆',
      date: '2026-06-24',
      basis: ['《县城镇污水处理设施运行应急预案》', '《城镇污水处理厂污染物排放标准》（GB 18918）', '《排污许可管理条例》'],
      safety: [
        '停运、倒闸和设备启停由厂内持证人员操作，演练不得造成实际超标排放。',
        '进入格栅间、泵房等受限空间前检测硫化氢、氧气浓度，佩戴防护用品，专人监护。',
        '溢流口采样两人一组，穿救生衣，设警戒。',
      ],
      support: [
        '物资：移动发电车1台、应急泵2台、便携式水质仪2套、气体检测仪2台、应急投药设备1套。',
        '通讯：中控室与各岗位使用对讲机（频道3为导调频道），手机备份；通讯录见《演练通讯录》。',
        '后勤：污水厂运营公司负责场地、饮用水和午餐，供电公司派抢修车现场待命。',
      ],
      preparation: [
        '6月24日前：印发演练工作方案和演练通知。',
        '6月30日前：完成脚本和岗位任务卡，培训导调、评估人员。',
        '7月6日：现场踏勘，检查发电车接入点、应急泵和检测设备。',
        '7月8日：正式演练，结束后现场点评；7月15日前提交总结报告。',
      ],
      reportingPoint: '县城市生活污水处理厂综合楼一楼大厅（7月8日8:20前）',
      contact: '县住房和城乡建设局城建股 方志强 138-0000-0401',
      viewing: '观摩人员在综合楼三楼会议室观看中控室画面，由保障组引导参观应急泵和发电车接入点，不进入受限空间。',
    }),
  }, rosterMarksOf({ hall: '县城市生活污水处理厂综合楼', field: PLANT }));

  d.role({
    id: R.commander, name: '总指挥', group: COMMAND_GROUP, color: COLOR.commander, reportsTo: null,
    responsibilities: '宣布启动应急响应；批准应急处理和应急排放方案；听取点评并作总结。',
    people: [['陈立群', '县人民政府 副县长', '指挥1号']],
  });
  d.role({
    id: R.hq, name: '现场指挥部', group: '现场指挥部', color: COLOR.hq, reportsTo: R.commander,
    responsibilities: '现场统一调度污水处置、应急监测和物资保障；组织研判；按规定报送和续报信息。',
    people: [
      ['何志强', '县生态环境局 副局长（现场指挥长）', '现场1号'],
      ['钱伟', '县住房和城乡建设局 副局长', '现场2号'],
    ],
  });
  d.role({
    id: R.control, name: '导调组', group: DRILL_GROUP.control, category: 'controller', color: COLOR.control, reportsTo: null,
    responsibilities: '按脚本注入停运、舆情和恢复供电情景；控制节奏、计时和记录。',
    people: [
      ['马俊', '县生态环境局 应急管理办公室', '导调1号'],
      ['田甜', '县住房和城乡建设局 排水管理股', '导调2号'],
    ],
  });
  d.role({
    id: R.sewage, name: '污水处置组', group: '污水处置组', color: COLOR.sewage, reportsTo: R.hq,
    responsibilities: '污水处理厂停运先期处置；溢流口封堵、调蓄池和泵站调度；移动式设备安装运行和应急投药；恢复生化系统。',
    people: [
      ['冯涛', '县城市生活污水处理厂 厂长', '污水1号'],
      ['陆晨', '县城市生活污水处理厂 工艺主管', '污水2号'],
      ['胡刚', '县排水管网运维中心 主任', '污水3号'],
    ],
  });
  d.role({
    id: R.monitor, name: '应急监测组', group: '应急监测组', color: COLOR.monitor, reportsTo: R.hq,
    responsibilities: '布设对照、排口下游和考核断面监测点位；采样分析化学需氧量、氨氮、总磷、粪大肠菌群和溶解氧；编报应急监测快报。',
    people: [
      ['王晓东', '市生态环境监测站 站长', '监测1号'],
      ['李娜', '县生态环境监测站 副站长', '监测2号'],
    ],
  });
  d.role({
    id: R.logistics, name: '后勤保障组', group: '后勤保障组', color: COLOR.logistics, reportsTo: R.hq,
    responsibilities: '调运移动式一体化污水处理设备、吊车和应急发电车；储备次氯酸钠、聚合氯化铝、聚丙烯酰胺等药剂。',
    people: [
      ['宋国强', '县发展和改革局 副局长', '后勤1号'],
      ['韩雪', '国网县供电公司 调度运行部', '后勤2号'],
    ],
  });
  d.role({
    id: R.expert, name: '专家组', group: '专家组', color: COLOR.expert, reportsTo: R.commander,
    responsibilities: '研判溢流风险和调蓄能力；指导应急处理工艺和投药量；评估对下游水质的影响；指导生化系统恢复。',
    people: [
      ['高明远', '市环境科学研究院 正高级工程师', '专家1号'],
      ['梁静', '市排水有限公司 高级工程师', '专家2号'],
    ],
  });
  d.role({
    id: R.media, name: '宣传报道组', group: '宣传报道组', color: COLOR.media, reportsTo: R.hq,
    responsibilities: '监测网络舆情；发布处置进展和水质监测信息；回应群众关切。',
    people: [['谢婷', '县委宣传部 副部长', '宣传1号']],
  });
  d.role({
    id: R.evaluator, name: '评估组', group: DRILL_GROUP.evaluation, category: 'evaluator', color: COLOR.evaluator, reportsTo: R.control,
    responsibilities: '记录各环节用时和处置规范性；现场点评并提交评估报告。',
    people: [['袁志华', '省环境应急与事故调查中心 高级工程师', '评估1号']],
  });
  d.role({
    id: R.simulator, name: '模拟人员', group: `${DRILL_GROUP.control}（模拟人员）`, category: 'simulator', color: COLOR.simulator, reportsTo: R.control,
    responsibilities: '扮演污水处理厂中控室值班员、县供电公司调度和网民，按导调组指令注入情景。',
    people: [
      ['蒋浩', '县生态环境局（模拟中控室值班员、供电公司调度）', '模拟1号'],
      ['苏畅', '县生态环境局（模拟网民）', '模拟2号'],
    ],
  });

  d.inject('p01', '污水处理厂厂区进水、全厂停电停运', '电话、现场模拟', {
    roles: [R.control, R.simulator, R.sewage],
    desc: '洪水漫入厂区，配电房进水跳闸，全厂停电；提升泵、鼓风机、回流泵全部停运，进厂污水约每小时1600吨，进水井液位快速上升。',
    say: ['模拟人员（中控室值班员）：冯厂长，配电房进水跳闸，全厂失电，进水井液位已到2.6米！', '污水处置组：收到！立即关闭进水闸门，通知管网中心！'],
    at: `${PLANT}中控室`, min: 3,
    expect: '污水处置组立即响应，先期处置指令明确。',
    obj: ['obj-1'],
  });
  d.action('p02', '先期处置并报告停运情况', {
    roles: [R.sewage],
    desc: '关闭进厂闸门，启用厂外截流井；生化池停止进水并保持静置，防止活性污泥流失（碳源投加留待恢复运行阶段）；按《城镇排水与污水处理条例》规定立即向县住房和城乡建设局、县生态环境局报告停运情况。',
    say: ['污水处置组：指挥长，我是污水处置组。县城市生活污水处理厂因厂区进水全厂停运，进厂闸门已关闭，进水井液位2.8米，预计40分钟后可能从溢流口外溢，请求启动应急响应！'],
    at: `${PLANT}`, min: 8,
    res: '闸门操作规程、停运报告模板',
    expect: '10分钟内完成先期处置并电话报告，报告要素齐全。',
    obj: ['obj-1'],
  });
  d.action('p03', '启动应急响应、开设现场指挥部', {
    roles: [R.commander, R.hq],
    desc: '总指挥宣布启动污水处理厂停运突发环境事件应急响应，现场指挥部开设；县生态环境局作出初步认定后，按《突发环境事件信息报告办法》的时限（一般、较大事件4小时内）向县人民政府和市生态环境局电话初报，随后补报书面报告。',
    say: ['总指挥：我宣布，启动应急响应！各组立即就位，首要任务是确保污水不直排资水河！', '现场指挥部：明白！县生态环境局已电话初报县人民政府和市生态环境局。'],
    at: `${PLANT}会议室（现场指挥部）`, min: 5,
    expect: '响应启动及时，初报按时限报送。',
    obj: ['obj-1'],
  });
  d.action('p04', '专家会商溢流风险', {
    hide: ['dialogue'],
    roles: [R.expert, R.hq, R.sewage],
    desc: '专家组结合进水量、调蓄池剩余容积、管网液位和预计停电时长，研判进水井和管网溢流口外溢直排资水河的风险。',
    say: ['专家组：指挥长，我是专家组，厂内调蓄池剩余约3000立方米，城区管网可蓄存约2000立方米，按每小时1600吨进水测算……（按导调组给定的停电时长报告）'],
    at: `${PLANT}会议室（现场指挥部）`, min: 10,
    res: '排水管网图、溢流口台账、调蓄池液位记录',
    expect: '研判数据清楚，形成明确建议。',
    obj: ['obj-2'],
  });
  d.decision('p05', '是否存在溢流直排风险', '按测算结果，停运期间进水井和沿河合流制溢流口是否会外溢、污水是否会直排资水河？', {
    roles: [R.hq, R.expert],
    desc: '现场指挥部根据专家研判意见确定管网调度方案。',
    say: ['现场指挥部：请专家组给出结论。', '专家组：……（按导调组给定情景报告结论）'],
    at: `${PLANT}会议室（现场指挥部）`, min: 5,
    expect: '结论明确，调度方案与风险相符。',
    obj: ['obj-2'],
  });
  d.action('p06', '封堵溢流口、启用调蓄池并限流', {
    roles: [R.sewage],
    desc: '存在溢流风险：用气囊封堵器封堵沿河4处合流制溢流口，启用厂内和城区调蓄池，上游3座提升泵站限流运行，管网中心每30分钟报告一次管网液位。',
    say: ['污水处置组：指挥长，4处溢流口已封堵，调蓄池已启用，3座泵站已限流，目前无外溢。'],
    at: '城区沿河溢流口、调蓄池、提升泵站', min: 15,
    res: '气囊封堵器6套、沙袋500袋、移动泵2台、管网液位计',
    expect: '溢流口封堵到位，无污水外溢直排。',
    obj: ['obj-2'],
  });
  d.action('p07', '管网蓄水、泵站错峰运行并加强巡查', {
    roles: [R.sewage],
    desc: '无溢流风险：利用管网和调蓄池暂存污水，泵站错峰运行，溢流口安排专人巡查，发现外溢立即封堵。',
    say: ['污水处置组：指挥长，管网和调蓄池暂存正常，溢流口巡查人员已到位。'],
    at: '城区排水管网、溢流口', min: 15,
    res: '巡查车辆、管网液位计',
    expect: '管网液位受控，巡查无盲区。',
    obj: ['obj-2'],
  });
  d.action('p08', '调运安装移动式一体化污水处理设备', {
    roles: [R.logistics, R.sewage],
    desc: '后勤保障组从市级应急物资储备调运2套移动式一体化污水处理设备（单套500吨/日）和1套磁混凝设备，协调应急发电车供电，在厂外截流井旁吊装就位、接管调试。',
    say: ['后勤保障组：指挥长，我是后勤保障组，2套移动式设备和磁混凝设备已到场，吊装完成，应急发电车已送电。', '污水处置组：指挥长，设备调试正常，开始进水。'],
    at: `${PLANT}厂外截流井`, min: 25,
    res: '移动式一体化污水处理设备2套、磁混凝设备1套、25吨吊车1台、应急发电车1台、连接管道',
    expect: '设备2小时内到场，调试一次成功。',
    obj: ['obj-2'],
  });
  d.action('p09', '应急投药与强化消毒', {
    hide: ['dialogue'],
    roles: [R.sewage, R.expert],
    desc: '根据混凝烧杯试验确定投药量：聚合氯化铝约80毫克每升、聚丙烯酰胺约1毫克每升强化混凝除磷降浊；出水投加次氯酸钠消毒，控制出水余氯0.5毫克每升左右，粪大肠菌群每2小时检测一次。',
    say: ['污水处置组：指挥长，应急投药已启动，出水化学需氧量45毫克每升、总磷0.8毫克每升、余氯0.5毫克每升。', '专家组：指挥长，出水余氯不宜过高，避免对下游水生生物造成影响。'],
    at: `${PLANT}厂外截流井（应急处理区）`, min: 15,
    res: '聚合氯化铝2吨、聚丙烯酰胺200千克、次氯酸钠5吨、加药泵、烧杯搅拌试验仪',
    expect: '投药量依据试验确定，出水经消毒，投药记录完整。',
    obj: ['obj-2'],
  });
  d.action('p10', '布设下游监测断面', {
    roles: [R.monitor],
    desc: '在污水处理厂排口上游500米设对照断面，排口下游1000米设控制断面，在资水河城区出境考核断面（Ⅲ类）设考核点位；监测因子为化学需氧量、氨氮、总磷、粪大肠菌群、溶解氧和pH。',
    say: ['应急监测组：指挥长，我是应急监测组，已布设对照、控制和考核3个断面，每2小时监测一次。'],
    at: '资水河城区段', min: 10,
    res: '断面点位图、GPS定位仪',
    expect: '点位布设符合应急监测技术规范，设有对照断面。',
    obj: ['obj-3'],
  });
  d.action('p11', '断面采样与分析', {
    roles: [R.monitor],
    desc: '采样小组在3个断面采样，现场测定溶解氧和pH，应急监测车分析化学需氧量、氨氮和总磷，粪大肠菌群送实验室。',
    say: ['应急监测组：指挥长，第一轮采样已完成，应急监测车正在分析，预计30分钟出结果。'],
    at: '资水河城区段（应急监测车）', min: 20,
    res: '应急监测车、采样器、便携式溶解氧仪、救生衣',
    expect: '采样和分析规范，质控措施到位。',
    obj: ['obj-3'],
    notes: '安全提示：河岸采样须两人同行、穿戴救生衣。',
  });
  d.decision('p12', '下游考核断面是否达到Ⅲ类', '城区出境考核断面监测结果是否达到《地表水环境质量标准》（GB 3838-2002）Ⅲ类？', {
    roles: [R.hq, R.monitor, R.expert],
    desc: '对照Ⅲ类标准（化学需氧量≤20毫克每升、氨氮≤1.0毫克每升、总磷≤0.2毫克每升）评价考核断面，并与对照断面比较判断影响。',
    say: ['应急监测组：指挥长，考核断面化学需氧量……、氨氮……、总磷……（按导调组给定的数据报告）', '专家组：指挥长，与对照断面相比……'],
    at: `${PLANT}会议室（现场指挥部）`, min: 5,
    expect: '评价准确，能区分上游来水和排口影响。',
    obj: ['obj-3'],
  });
  d.action('p13', '维持监测频次', {
    roles: [R.monitor],
    desc: '水质达标：维持每2小时监测一次，持续关注控制断面变化趋势。',
    say: ['应急监测组：指挥长，考核断面达到Ⅲ类，维持每2小时监测。'],
    at: '资水河城区段', min: 10,
    expect: '监测连续、数据按时报送。',
    obj: ['obj-3'],
  });
  d.action('p14', '查明超标原因、加密监测并通报下游', {
    hide: ['dialogue'],
    roles: [R.monitor, R.sewage, R.hq],
    desc: '水质超标：对比对照断面判断超标来自上游来水还是排口；污水处置组复查溢流口封堵情况，加快移动式设备投运；应急监测组加密至每1小时监测；现场指挥部通报下游镇人民政府和取水单位，提示关注取水口水质。',
    say: ['应急监测组：指挥长，对照断面达标，控制断面和考核断面超标，超标主要来自城区段，已加密至每1小时监测一次。', '污水处置组：指挥长，复查发现2号溢流口气囊封堵器漏水，已加固。', '现场指挥部：请立即通报下游清水镇人民政府和镇自来水厂，提示加强取水口水质监测。'],
    at: '资水河城区段、现场指挥部', min: 15,
    res: '通报函模板、下游取水单位通讯录',
    expect: '超标原因查明，通报及时，超标趋势得到控制。',
    obj: ['obj-2', 'obj-3'],
  });
  d.action('p15', '编报应急监测快报和事件续报', {
    roles: [R.monitor, R.hq],
    desc: '应急监测组编制应急监测快报，现场指挥部据此向县人民政府和市生态环境局续报处置进展。',
    say: ['应急监测组：指挥长，第1期应急监测快报已编制完成，请审阅。', '现场指挥部：同意，续报县人民政府和市生态环境局。'],
    at: `${PLANT}会议室（现场指挥部）`, min: 10,
    res: '应急监测快报模板、续报模板',
    expect: '快报数据准确，续报及时。',
    obj: ['obj-1', 'obj-3'],
  });
  d.inject('p16', '网民发布“污水直排资水河”短视频', '网络舆情模拟', {
    roles: [R.control, R.simulator, R.media],
    desc: '网民发布短视频称“污水处理厂停了，污水全排进资水河”，画面为洪水漫过溢流口，转发量快速上升。',
    say: ['模拟人员（网民）：污水厂都淹了，全城的污水直接排进资水河，下游还能用水吗？', '宣传报道组：指挥长，我是宣传报道组，网上出现污水直排的短视频，建议发布处置情况和监测数据。'],
    at: '县融媒体中心（模拟）', min: 3,
    expect: '宣传报道组及时发现并报告舆情。',
    obj: ['obj-4'],
  });
  d.action('p17', '发布处置情况、回应舆情', {
    hide: ['description'],
    roles: [R.media],
    desc: '通过政务微博和县融媒体发布污水处理厂停运原因、溢流口封堵和应急处理措施、断面监测结果，说明视频画面为雨水漫溢，回应下游群众关切。',
    say: ['宣传报道组：指挥长，情况通报已发布，阅读量1.2万，舆情已趋于平稳。'],
    at: '县融媒体中心', min: 15,
    res: '情况通报模板、政务微博',
    expect: '回应及时、信息与监测数据一致。',
    obj: ['obj-4'],
  });
  d.inject('p18', '厂区恢复供电', '电话', {
    roles: [R.control, R.simulator, R.sewage],
    desc: '洪水退出厂区，配电房排水检修后恢复供电，具备恢复运行条件。',
    say: ['模拟人员（县供电公司调度）：冯厂长，污水处理厂进线已恢复送电。', '污水处置组：收到，立即组织恢复运行！'],
    at: `${PLANT}中控室`, min: 2,
    expect: '污水处置组按恢复运行方案有序操作。',
    obj: ['obj-4'],
  });
  d.action('p19', '恢复生化系统运行、回抽调蓄污水', {
    hide: ['dialogue'],
    roles: [R.sewage, R.expert],
    desc: '检修提升泵和鼓风机，逐步恢复曝气和回流，投加碳源、分阶段提高进水负荷；调蓄池污水分批回抽处理，移动式设备转为备用，溢流口封堵拆除前确认管网液位正常。',
    say: ['污水处置组：指挥长，生化系统已恢复运行，出水在线监测化学需氧量30毫克每升、氨氮1.5毫克每升，达到一级A标准，调蓄池污水正在回抽。'],
    at: PLANT, min: 15,
    res: '碳源、在线监测系统、检修队',
    expect: '出水稳定达到一级A标准，应急排放停止。',
    obj: ['obj-4'],
  });
  d.milestone('p20', '污水处理恢复运行', {
    roles: [R.sewage],
    desc: '污水处理厂恢复正常运行，应急处理设施停用。',
    at: PLANT, min: 0,
    expect: '恢复运行情况报告现场指挥部并续报。',
    obj: ['obj-4'],
  });
  d.action('p21', '现场点评与总结', {
    roles: [R.evaluator, R.expert, R.commander, R.control],
    desc: '评估组和专家组点评停运报告、溢流口封堵、移动设备调运、投药和断面监测等环节；总指挥作总结，明确整改事项，演练结束。',
    say: ['评估组：本次演练溢流口封堵和断面监测组织有序，发现问题：一是移动式设备调运用时超过预期；二是溢流口台账与现场不完全一致……', '总指挥：请住建局和污水处理厂一个月内完成溢流口台账核对和应急预案修订。我宣布演练结束！'],
    at: `${PLANT}会议室`, min: 10,
    res: '演练评估表、计时记录',
    expect: '形成问题清单、改进措施和责任单位。',
    obj: ['obj-1', 'obj-2', 'obj-3', 'obj-4'],
  });

  d.chain('p01', 'p02', 'p03', 'p04', 'p05')
    .branch('p05', [['存在溢流风险', 'p06'], ['无溢流风险', 'p07']])
    .seq('p06', 'p08').seq('p07', 'p08')
    .chain('p08', 'p09')
    .chain('p03', 'p10', 'p11')
    .seq('p11', 'p12')
    .branch('p12', [['水质达标', 'p13'], ['水质超标', 'p14']])
    .seq('p13', 'p15').seq('p14', 'p15')
    .seq('p03', 'p16', 30).seq('p16', 'p17')
    .seq('p15', 'p18').seq('p09', 'p18').seq('p17', 'p18')
    .chain('p18', 'p19', 'p20')
    .seq('p20', 'p21');

  return d.body();
}
