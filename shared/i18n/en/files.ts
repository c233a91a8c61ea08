import type { files as zh } from '../zh/files';

export const files: typeof zh = {
  kind: {
    xlsx: '.xlsx workbook',
    docx: '.docx document',
    scenario: 'drill file',
    csv: 'CSV file',
  },
  zip: {
    notAZip: 'not an {{kind}} file (no zip directory found)',
    damaged: 'the {{kind}} is damaged; its contents cannot be read',
    zip64: 'zip64 files are not supported for an {{kind}}',
    encrypted: 'the part "{{entry}}" of the {{kind}} is encrypted and cannot be read; save the file without encryption and import it again',
    unsupportedCompression: 'the part "{{entry}}" of the {{kind}} uses an unsupported compression method ({{method}})',
    badEntryName: 'the {{kind}} has a part with an unsafe name, "{{entry}}"',
    duplicateEntry: 'the {{kind}} has two parts named "{{entry}}"',
    tooManyEntries: 'the {{kind}} has too many parts ({{count}}, at most {{limit}})',
    entryTooLarge: 'the part "{{entry}}" of the {{kind}} would unpack to more than {{limitMb}} MB',
    tooLarge: 'the {{kind}} would unpack to more than {{limitMb}} MB',
    sizeMismatch: 'the part "{{entry}}" of the {{kind}} unpacks to more than the {{declared}} bytes it declares: the file is forged (a zip bomb); nothing was imported',
  },
  encoding: {
    notText: 'the {{kind}} is neither UTF-8 nor GB18030 text and cannot be read; save it as UTF-8 and import it again',
    badBom: 'the {{kind}} starts by declaring {{encoding}} but holds bytes that do not decode as such; it cannot be read',
    replacementCharacters: 'the {{kind}} contains {{count}} replacement character(s) "�" (the first on line {{line}}): text was already lost in an earlier conversion; import the original file instead',
  },
};
