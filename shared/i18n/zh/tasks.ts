/** Long imports and exports in progress: the bar at the bottom of the window. */
export const tasks = {
  title: '正在进行的导入和导出',
  method: {
    importScenario: '导入演练文件',
    importRunCsv: '导入演练记录',
    previewPlanImport: '读取演练脚本',
    importPlanTable: '导入演练脚本',
    exportXlsx: '导出 Excel',
    exportDocx: '导出 Word',
  },
  elapsed: '已用 {{seconds}} 秒，最长 {{budget}} 秒',
  cancel: '取消',
  cancelling: '正在取消…',
};
