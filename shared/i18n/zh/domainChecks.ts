/** The domain checks of the editor's 检查 panel: what a bureau would not sign, as warnings. */
export const domainChecks = {
  rule: {
    reportRecipient: '信息报送步骤写明报送对象，报送链不越过县人民政府',
    floodCriterion: '突发环境事件的响应级别按环境事件分级标准研判，不按防汛指标',
    longUncompressed: '计划时长超过150分钟的演练采用情景时间压缩',
    roleHasPeople: '每个角色至少安排一名人员',
    evaluatorHasForm: '评估人员分配了评估表',
  },
  reportNoRecipient: '信息报送步骤“{{title}}”没有写明报送对象（如县人民政府、市生态环境局）',
  reportSkipsCounty: '信息报送步骤“{{title}}”直接报送市级或省级部门，没有报县人民政府',
  floodCriterion: '决策点“{{title}}”按防汛指标（{{criterion}}）确定突发环境事件响应级别；应按饮用水水源地、受影响人数、跨界影响等环境事件分级标准研判，防汛决策由防汛抗旱指挥部作出',
  longUncompressed: '演练计划时长 {{minutes}} 分钟，超过150分钟且未采用情景时间压缩；观摩演练通常为90～120分钟',
  roleNoPeople: '角色“{{name}}”没有安排人员',
  evaluatorNoForm: '评估人员角色“{{name}}”没有分配评估表',
};
