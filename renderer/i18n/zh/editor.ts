export const editor = {
  empty: '这个演练还没有步骤。从左侧添加第一个情景注入。',
  loadFailed: '无法打开演练：',
};
