import type { editor as zh } from '../zh/editor';

export const editor: typeof zh = {
  empty: 'This drill has no steps yet. Add the first inject from the palette.',
  loadFailed: 'Cannot open the drill:',
};
