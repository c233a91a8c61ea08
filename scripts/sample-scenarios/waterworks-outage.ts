/** 自来水厂停电停产应急演练: power loss, backup generator, switch of intake, tank-truck supply. */
import { Draft } from './draft';
import { documentsOf, rosterMarksOf } from './documents';
import { COLOR, COMMAND_GROUP, DRILL_GROUP, R } from './roles';

const PLANT = '县第一自来水厂';
const CONTROL_ROOM = '县第一自来水厂中控室';

export function waterworksOutage() {
  const d = new Draft({
    title: '县第一自来水厂停电停产应急演练',
    titleEn: 'No. 1 Water Works Power-Loss and Outage Drill',
    summaryEn:
      'A functional drill at the county No. 1 water works. Both grid feeds fail in a storm; the plant tries its backup diesel generator and, if it fails, brings in a mobile generator truck, restarting intake pumps, chlorination and delivery pumps in priority order. Meanwhile tank trucks supply hospitals, schools and care homes and the outage notice goes out. An oil slick upstream then raises the raw-water turbidity: the drill decides on the monitoring results whether to keep the main intake with enhanced coagulation and powdered activated carbon or switch to the reservoir back-up intake, then checks finished water, answers citizen calls, flushes the mains and restores supply.',
    description:
      '演练背景：汛期强降雨期间，县第一自来水厂（设计规模5万吨/日，供应城区约18万人）两路外部电源相继中断，全厂停产；恢复生产过程中，资水河取水口上游出现油污带，原水浑浊度骤升。\n演练方式：桌面推演与现场实操相结合，在水厂现场进行；发电机启动、取水口切换、送水车调度为实操科目，其余以口述和模拟方式进行。\n安全要求：电气操作严格执行“两票三制”，发电机并网和倒闸操作由持证电工完成；实操过程中不得影响正常供水。',
    drillDate: '2026-05-20',
    startTime: '09:30',
    location: `${PLANT}（中控室、配电房、取水泵房、加氯间）及资水河取水口`,
    organiser: '县水务局、县生态环境局主办，县自来水公司承办；县卫生健康局、国网县供电公司参加',
    objectives: [
      { id: 'obj-1', text: '检验水厂双电源失电后备用发电机和应急发电车的启用能力，按优先顺序恢复取水、加氯和送水等核心负荷。' },
      { id: 'obj-2', text: '检验原水水质异常时的应急监测、取水口切换和净水工艺调整能力。' },
      { id: 'obj-3', text: '检验停水期间送水车应急供水和医院、学校、养老机构等重点用户保障能力。' },
      { id: 'obj-4', text: '检验出厂水水质把关、停水信息发布和用户诉求响应能力。' },
    ],
    ...documentsOf({
      unit: '县水务局',
      drafter: '罗文斌',
      reviewer: '曾凡平',
      approver: '邱建军',
      date: '2026-05-08',
      basis: ['《县城市供水突发事件应急预案》', '《生活饮用水卫生标准》（GB 5749）', '《城镇供水厂运行、维护及安全技术规程》（CJJ 58）'],
      safety: [
        '电气倒闸和发电机并网操作由持证电工执行“两票三制”，实操不影响正常供水。',
        '加氯间演练时检查漏氯报警和吸收装置，操作人员佩戴空气呼吸器。',
        '取水口作业人员穿救生衣，岸边设警戒。',
      ],
      support: [
        '物资：备用柴油发电机1台、移动发电车1台、送水车3台、粉末活性炭和混凝剂、便携式浊度/余氯检测仪。',
        '通讯：中控室与各岗位使用对讲机（频道3为导调频道），手机备份；通讯录见《演练通讯录》。',
        '后勤：县自来水公司负责场地、饮用水和午餐，供电公司派抢修车现场待命。',
      ],
      preparation: [
        '5月8日前：印发演练工作方案和演练通知。',
        '5月14日前：完成脚本和岗位任务卡，培训导调、评估人员。',
        '5月18日：现场踏勘，检查发电机、取水口切换阀门和送水车。',
        '5月20日：正式演练，结束后现场点评；5月27日前提交总结报告。',
      ],
      reportingPoint: '县第一自来水厂办公楼一楼大厅（5月20日8:50前）',
      contact: '县水务局供水股 罗文斌 138-0000-0501',
      viewing: '观摩人员在办公楼二楼会议室观看中控室画面，由保障组引导至配电房外和取水口岸边观摩区，不进入操作区。',
    }),
  }, rosterMarksOf({ hall: '县第一自来水厂中控室', field: PLANT }));

  d.role({
    id: R.commander, name: '总指挥', group: COMMAND_GROUP, color: COLOR.commander, reportsTo: null,
    responsibilities: '宣布启动应急响应；批准取水口切换和恢复供水；听取点评并作总结。',
    people: [['邱建军', '县水务局 局长', '指挥1号']],
  });
  d.role({
    id: R.hq, name: '现场指挥部', group: '现场指挥部', color: COLOR.hq, reportsTo: R.commander,
    responsibilities: '在水厂现场统一调度抢修、应急供水和水质保障；组织分支研判；向总指挥报告进展。',
    people: [
      ['孙丽', '县自来水公司 总经理（现场指挥长）', '现场1号'],
      ['杜鹏', '县生态环境局 副局长', '现场2号'],
    ],
  });
  d.role({
    id: R.control, name: '导调组', group: DRILL_GROUP.control, category: 'controller', color: COLOR.control, reportsTo: null,
    responsibilities: '按脚本注入停电、原水异常和用户来电情景；控制时间节点；记录各环节用时。',
    people: [
      ['程亮', '县水务局 供水安全股股长', '导调1号'],
      ['许倩', '县自来水公司 安全环保部', '导调2号'],
    ],
  });
  d.role({
    id: R.water, name: '供水保障组', group: '供水保障组（水厂运行班组）', color: COLOR.water, reportsTo: R.hq,
    responsibilities: '中控室值班、停电处置和发电机操作；恢复取水泵、加药加氯和送水泵；取水口切换和工艺调整；管网冲洗；送水车装水。',
    people: [
      ['彭海', '县第一自来水厂 厂长', '供水1号'],
      ['曾晓燕', '县第一自来水厂 制水车间主任', '供水2号'],
      ['任强', '县第一自来水厂 值班长', '供水3号'],
    ],
  });
  d.role({
    id: R.logistics, name: '后勤保障组', group: '后勤保障组', color: COLOR.logistics, reportsTo: R.hq,
    responsibilities: '协调应急发电车和电缆；调度送水车和司机；储备柴油、药剂和瓶装水。',
    people: [
      ['方志勇', '国网县供电公司 运维检修部', '后勤1号'],
      ['熊敏', '县自来水公司 综合部', '后勤2号'],
    ],
  });
  d.role({
    id: R.monitor, name: '应急监测组', group: '应急监测组', color: COLOR.monitor, reportsTo: R.hq,
    responsibilities: '对取水口和上游河段开展应急监测（浑浊度、石油类、化学需氧量、氨氮等）；排查上游污染来源；报送监测结果。',
    people: [
      ['李娜', '县生态环境监测站 副站长', '监测1号'],
      ['雷文', '县生态环境监测站 监测员', '监测2号'],
    ],
  });
  d.role({
    id: R.medical, name: '医疗卫生组', group: '医疗卫生组', color: COLOR.medical, reportsTo: R.hq,
    responsibilities: '出厂水和管网末梢水卫生学检测；对送水车卫生条件进行监督；出具恢复供水的卫生意见。',
    people: [['徐斌', '县疾病预防控制中心 环境卫生科科长', '医疗1号']],
  });
  d.role({
    id: R.media, name: '宣传报道组', group: '宣传报道组（含客服中心）', color: COLOR.media, reportsTo: R.hq,
    responsibilities: '发布停水、限水和恢复供水公告；公布送水点位；处理12345热线和客服来电。',
    people: [
      ['钟雯', '县自来水公司 客服中心主任', '宣传1号'],
      ['白杨', '县融媒体中心 记者', '宣传2号'],
    ],
  });
  d.role({
    id: R.evaluator, name: '评估组', group: DRILL_GROUP.evaluation, category: 'evaluator', color: COLOR.evaluator, reportsTo: R.control,
    responsibilities: '对照评估表记录各科目用时和操作规范性；演练结束后现场点评并提交评估报告。',
    people: [['姜伟', '市供排水协会 高级工程师', '评估1号']],
  });
  d.role({
    id: R.simulator, name: '模拟人员', group: `${DRILL_GROUP.control}（模拟人员）`, category: 'simulator', color: COLOR.simulator, reportsTo: R.control,
    responsibilities: '扮演县供电公司调度、上游河段巡查人员和停水市民，通过电话和现场模拟注入情景。',
    people: [
      ['蔡亮', '县自来水公司（模拟供电公司调度、上游巡查员）', '模拟1号'],
      ['潘玉', '县自来水公司（模拟市民来电）', '模拟2号'],
    ],
  });

  d.inject('w01', '水厂两路外部电源中断', '电话、中控室报警', {
    roles: [R.control, R.simulator, R.water],
    desc: '受雷暴天气影响，水厂10千伏Ⅰ、Ⅱ段进线相继失电，全厂停产，中控室声光报警；清水池液位3.2米，约可维持城区供水2小时。',
    say: [
      '模拟人员（县供电公司调度）：第一水厂吗？我是县供电公司调度，城北变电站两条10千伏出线跳闸，正在查找故障，恢复时间暂不确定。',
      '供水保障组：指挥长，我是供水保障组值班长，水厂两路进线全部失电，取水泵、送水泵全停，清水池液位3.2米，预计2小时后城区开始停水，请指示！',
    ],
    at: CONTROL_ROOM, min: 3,
    expect: '值班长5分钟内确认失电范围并报告，记录清水池液位和出厂压力。',
    obj: ['obj-1'],
  });
  d.action('w02', '启动水厂停电应急预案', {
    roles: [R.commander, R.hq],
    desc: '现场指挥长报告总指挥，总指挥宣布启动水厂停电停产应急预案，现场指挥部开设，各组就位；同时报告县水务局、县生态环境局和县卫生健康局。',
    say: ['现场指挥部：总指挥，水厂全厂失电停产，建议启动停电应急预案。', '总指挥：同意，立即启动水厂停电停产应急预案，优先恢复制水，同时做好重点用户应急供水！'],
    at: CONTROL_ROOM, min: 5,
    expect: '预案启动指令明确，各组10分钟内就位，报告及时。',
    obj: ['obj-1'],
  });
  d.action('w03', '启动备用柴油发电机', {
    roles: [R.water],
    desc: '值班电工断开进线开关、做好隔离，按操作票启动400千瓦备用柴油发电机，检查电压、频率和油位。',
    say: ['供水保障组：指挥长，进线开关已断开并挂牌，正在启动备用发电机。'],
    at: `${PLANT}配电房、发电机房`, min: 8,
    res: '400千瓦备用柴油发电机、操作票、绝缘手套、柴油1吨',
    expect: '倒闸操作规范，杜绝向电网反送电。',
    obj: ['obj-1'],
    notes: '安全提示：倒闸操作由持证电工两人进行，一人操作一人监护。',
  });
  d.decision('w04', '备用发电机能否带载运行', '备用发电机是否启动成功、能否带起取水泵和加氯设备等核心负荷？', {
    roles: [R.hq, R.water],
    desc: '现场指挥部根据发电机运行参数判断能否带载，决定是否调用应急发电车。',
    say: ['供水保障组：指挥长，发电机运行参数如下……（按导调组给定的情景报告）', '现场指挥部：明白，……'],
    at: CONTROL_ROOM, min: 3,
    expect: '判断依据清楚，决策迅速。',
    obj: ['obj-1'],
  });
  d.action('w05', '按优先顺序恢复核心负荷', {
    roles: [R.water],
    desc: '发电机带载正常：按“加氯设备—取水泵—絮凝沉淀—送水泵”顺序分步投运，控制启动电流；非核心负荷（办公、照明等）暂不恢复。',
    say: ['供水保障组：指挥长，加氯机、1号取水泵、1号送水泵已投运，出厂压力0.28兆帕，正在逐步恢复。'],
    at: `${PLANT}取水泵房、送水泵房`, min: 15,
    res: '负荷优先级清单、在线仪表',
    expect: '30分钟内恢复最低限度制水，出厂压力不低于0.25兆帕。',
    obj: ['obj-1'],
  });
  d.action('w06', '调用应急发电车接入', {
    roles: [R.logistics, R.water],
    desc: '发电机启动失败：后勤保障组协调县供电公司派出800千瓦应急发电车，经应急电源接口接入低压母线，供水保障组按优先顺序恢复负荷；同时排查备用发电机故障。',
    say: ['后勤保障组：指挥长，我是后勤保障组，800千瓦应急发电车已到达水厂，电缆正在敷设，预计15分钟后送电。'],
    at: `${PLANT}应急电源接口`, min: 15,
    res: '800千瓦应急发电车1台、低压电缆、应急电源快速接入箱',
    expect: '应急发电车1小时内到场送电，接入操作规范。',
    obj: ['obj-1'],
  });
  d.action('w07', '发布停水、限水公告', {
    roles: [R.media],
    desc: '宣传报道组通过县融媒体、自来水公司公众号和短信平台发布停水范围、预计恢复时间和送水点位，提醒高层住户储水、节约用水。',
    say: ['宣传报道组：指挥长，停水公告已发布，公布送水点6处，客服热线增开4个席位。'],
    at: '县自来水公司客服中心', min: 10,
    res: '公告模板、短信平台、公众号',
    expect: '停水公告30分钟内发布，内容准确、点位清楚。',
    obj: ['obj-4'],
  });
  d.action('w08', '调度送水车保障重点用户', {
    roles: [R.water, R.logistics],
    desc: '送水车在城北加水站装水，装水前对罐体清洗消毒并检测余氯；优先保障县人民医院、透析中心、学校和养老机构，再到居民区定点供水。',
    say: ['供水保障组：指挥长，6台送水车已完成消毒装水，首批2车已到达县人民医院和县中医医院。'],
    at: '城北加水站、县人民医院、城区送水点', min: 25,
    res: '送水车6台、余氯测试盒、送水台账、重点用户清单',
    expect: '重点用户1小时内获得供水，送水车余氯不低于0.05毫克每升。',
    obj: ['obj-3'],
  });
  d.inject('w09', '取水口上游出现油污带、原水浑浊度骤升', '电话、现场模拟', {
    roles: [R.control, R.simulator, R.monitor],
    desc: '恢复制水后，取水口在线浊度仪显示原水浑浊度由80 NTU升至450 NTU；上游巡查人员报告取水口上游约2公里处水面出现油污带。',
    say: [
      '模拟人员（上游巡查员）：报告，取水口上游2公里、洗车场附近水面有一条油带，长约200米，还有股汽油味！',
      '应急监测组：指挥长，我是应急监测组，收到，立即赶赴取水口和上游采样！',
    ],
    at: '资水河取水口上游', min: 3,
    expect: '应急监测组立即出动，供水保障组同步关注原水在线数据。',
    obj: ['obj-2'],
  });
  d.action('w10', '取水口及上游水质应急监测', {
    hide: ['description', 'dialogue'],
    roles: [R.monitor],
    desc: '在取水口、上游油污带和上游500米对照点采样，现场测定浑浊度、pH，用便携式测油仪测定石油类，送样分析化学需氧量和氨氮；无人机巡查确定油污来源为被淹洗车场和油品仓库。',
    say: ['应急监测组：指挥长，我是应急监测组，取水口石油类0.12毫克每升、浑浊度460 NTU，油污来源为上游被淹洗车场，已通知执法人员处置。（按导调组给定的数据报告）'],
    at: '资水河取水口及上游2公里河段', min: 15,
    res: '便携式测油仪、浊度仪、采样器、无人机、吸油毡',
    expect: '40分钟内报出取水口关键指标和污染来源。',
    obj: ['obj-2'],
  });
  d.decision('w11', '主取水口原水是否满足取水要求', '主取水口原水经强化处理后能否保证出厂水达标，还是必须切换至备用水源？', {
    roles: [R.hq, R.water, R.monitor],
    desc: '现场指挥部结合监测数据和水厂处理能力研判是否继续从主取水口取水，报总指挥批准。',
    say: ['现场指挥部：请制水车间结合监测数据说明处理能力。', '供水保障组：指挥长，……（按导调组给定情景报告）'],
    at: CONTROL_ROOM, min: 5,
    expect: '研判综合考虑原水指标、处理能力和备用水源条件，决策报批程序完整。',
    obj: ['obj-2'],
  });
  d.action('w12', '维持主取水口取水并强化处理', {
    roles: [R.water],
    desc: '原水可处理：取水口布设两道吸油围栏，投加粉末活性炭吸附油类，通过混凝烧杯试验调整聚合氯化铝投加量，延长沉淀时间，增加滤池反冲洗频次。',
    say: ['供水保障组：指挥长，取水口已布设吸油围栏，粉末活性炭投加量20毫克每升，沉淀池出水浑浊度已降至3 NTU。'],
    at: `${PLANT}取水口、加药间`, min: 15,
    res: '吸油围栏200米、粉末活性炭2吨、聚合氯化铝、烧杯搅拌试验仪',
    expect: '沉淀池出水浑浊度不高于3 NTU，滤后水浑浊度不高于1 NTU。',
    obj: ['obj-2'],
  });
  d.action('w13', '关闭主取水口、切换至备用水源', {
    roles: [R.water],
    desc: '原水不可处理：经总指挥批准，关闭资水河主取水口闸门，开启青龙水库备用取水管线阀门，切换至备用水源；按备用水源水质重新调整投药量，切换过程中保持清水池液位。',
    say: ['供水保障组：指挥长，主取水口闸门已关闭，备用水源管线已开通，原水浑浊度15 NTU，投药量已重新调整。'],
    at: `${PLANT}取水口闸门井、青龙水库备用取水管线`, min: 15,
    res: '备用水源管线、阀门操作规程、烧杯搅拌试验仪',
    expect: '切换操作30分钟内完成，切换期间出厂水不间断。',
    obj: ['obj-2'],
  });
  d.action('w14', '出厂水水质检测', {
    hide: ['dialogue'],
    roles: [R.medical, R.water],
    desc: '水厂化验室和县疾控中心分别对出厂水检测浑浊度、游离氯、嗅和味、石油类和菌落总数，对照《生活饮用水卫生标准》（GB 5749-2022）出具检测意见。',
    say: ['医疗卫生组：指挥长，我是医疗卫生组，出厂水浑浊度0.4 NTU、游离氯0.7毫克每升、无异臭异味，石油类未检出，符合标准，同意恢复供水。'],
    at: `${PLANT}化验室`, min: 15,
    res: '浊度仪、余氯比色计、测油仪、微生物快检试剂',
    expect: '出厂水各项指标合格，书面意见齐全后方可恢复管网供水。',
    obj: ['obj-2', 'obj-4'],
  });
  d.inject('w15', '市民拨打12345反映小区停水、水有异味', '电话（模拟12345热线转办）', {
    roles: [R.control, R.simulator, R.media],
    desc: '12345热线集中转来市民诉求：多个高层小区停水，部分用户反映恢复后的自来水有异味，询问能否饮用。',
    say: ['模拟人员（市民）：我们小区停水一上午了，刚来的水还有股味道，到底能不能喝？', '宣传报道组：您好，我们已经记下您的地址，送水车30分钟内到您小区门口；管网恢复初期请先放水几分钟，有异味请不要饮用，并拨打客服电话，我们马上派人检测。'],
    at: '县自来水公司客服中心', min: 3,
    expect: '来电逐一登记、答复口径统一，诉求转办至供水保障组。',
    obj: ['obj-4'],
  });
  d.action('w16', '答复用户诉求并安排送水和检测', {
    roles: [R.media, R.water],
    desc: '客服中心汇总诉求，派送水车到停水小区；对反映异味的小区末梢水取样检测并回复用户。',
    say: ['宣传报道组：指挥长，共受理来电46件，已全部答复，3个小区已安排送水车，2个小区末梢水已取样。'],
    at: '县自来水公司客服中心、相关小区', min: 10,
    res: '诉求登记台账、送水车、采样瓶',
    expect: '诉求100%回复，回访满意。',
    obj: ['obj-3', 'obj-4'],
  });
  d.action('w17', '管网冲洗排放、恢复正常供水', {
    roles: [R.water],
    desc: '按分区逐步升压，在管网末梢和低点排放冲洗，检测末梢水游离氯不低于0.05毫克每升后恢复正常供水；送水车转为备用。',
    say: ['供水保障组：指挥长，城区管网分区冲洗完成，末梢水游离氯0.2毫克每升，已全面恢复供水。'],
    at: '城区供水管网', min: 15,
    res: '消火栓排放口、余氯测试盒、管网压力监测',
    expect: '供水平稳恢复，无大面积黄水和爆管。',
    obj: ['obj-3', 'obj-4'],
  });
  d.milestone('w18', '供水恢复', {
    roles: [R.water],
    desc: '城区恢复正常供水，发布恢复供水公告。',
    at: PLANT, min: 0,
    expect: '恢复供水公告同步发布。',
    obj: ['obj-4'],
  });
  d.action('w19', '现场点评与总结', {
    roles: [R.evaluator, R.commander, R.control],
    desc: '评估组对照评估表点评发电机启用、取水口切换、送水和信息发布等科目的用时与规范性；总指挥作总结，明确整改事项和完成时限。',
    say: ['评估组：本次演练发电机切换和送水调度组织有序，发现问题：一是备用发电机长期未带载试验；二是取水口切换操作规程未张贴上墙……', '总指挥：请自来水公司一周内提交整改清单，并修订停电应急预案。'],
    at: `${PLANT}会议室`, min: 10,
    res: '演练评估表、计时记录',
    expect: '形成问题清单、改进措施和责任人。',
    obj: ['obj-1', 'obj-2', 'obj-3', 'obj-4'],
  });
  d.milestone('w20', '演练结束', {
    roles: [R.control],
    desc: '演练结束，导调组整理记录归档。',
    at: `${PLANT}会议室`, min: 0,
    expect: '演练记录、照片和评估表完整归档。',
    obj: ['obj-4'],
  });

  d.chain('w01', 'w02', 'w03', 'w04')
    .branch('w04', [['发电机带载正常', 'w05'], ['发电机启动失败', 'w06']])
    .seq('w02', 'w07').seq('w02', 'w08', 5)
    .seq('w05', 'w09', 5).seq('w06', 'w09', 5)
    .chain('w09', 'w10', 'w11')
    .branch('w11', [['原水可处理', 'w12'], ['原水不可处理', 'w13']])
    .seq('w12', 'w14').seq('w13', 'w14')
    .seq('w07', 'w15', 20).seq('w15', 'w16')
    .seq('w14', 'w17').seq('w08', 'w17')
    .chain('w17', 'w18')
    .seq('w16', 'w19').seq('w18', 'w19')
    .chain('w19', 'w20');

  return d.body();
}
