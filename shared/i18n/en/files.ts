import type { files as zh } from '../zh/files';

export const files: typeof zh = {
  kind: {
    scenario: 'drill file',
    csv: 'CSV file',
  },
  encoding: {
    notText: 'the {{kind}} is neither UTF-8 nor GB18030 text and cannot be read; save it as UTF-8 and import it again',
    badBom: 'the {{kind}} starts by declaring {{encoding}} but holds bytes that do not decode as such; it cannot be read',
    replacementCharacters: 'the {{kind}} contains {{count}} replacement characters "�" (the first on line {{line}}): text was already lost in an earlier conversion; import the original file instead',
    replacementCharacters_one: 'the {{kind}} contains {{count}} replacement character "�" (the first on line {{line}}): text was already lost in an earlier conversion; import the original file instead',
  },
};
