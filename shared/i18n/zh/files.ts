/** Messages about imported files themselves: zip packages (.xlsx, .docx) and text encodings. Rendered by the back end. */
export const files = {
  kind: {
    xlsx: '.xlsx 工作簿',
    docx: '.docx 文档',
    scenario: '演练文件',
    csv: 'CSV 文件',
  },
  zip: {
    notAZip: '这不是 {{kind}}文件（找不到压缩目录）。',
    damaged: '{{kind}}已损坏，无法读取其中的内容。',
    zip64: '不支持 zip64 格式的 {{kind}}。',
    encrypted: '{{kind}}中的“{{entry}}”已加密，无法读取；请另存为不加密的文件后再导入。',
    unsupportedCompression: '{{kind}}中的“{{entry}}”使用了不支持的压缩方式（{{method}}）。',
    badEntryName: '{{kind}}中有名称不合规的部分“{{entry}}”。',
    duplicateEntry: '{{kind}}中有两个同名的部分“{{entry}}”。',
    tooManyEntries: '{{kind}}的组成部分过多（{{count}} 个，最多 {{limit}} 个）。',
    entryTooLarge: '{{kind}}中的“{{entry}}”解压后超过 {{limitMb}} MB。',
    tooLarge: '{{kind}}解压后将超过 {{limitMb}} MB。',
    sizeMismatch: '{{kind}}中的“{{entry}}”解压后比它声明的 {{declared}} 字节更大：文件是伪造的（压缩炸弹），未导入任何内容。',
  },
  encoding: {
    notText: '{{kind}}既不是 UTF-8 编码，也不是 GB18030 编码的文本，无法读取；请另存为 UTF-8 后再导入。',
    badBom: '{{kind}}开头标明是 {{encoding}} 编码，但其中有不符合该编码的字节，无法读取。',
    replacementCharacters: '{{kind}}中有 {{count}} 个替换字符“�”（第一个在第 {{line}} 行），说明文件在之前的转换中已经丢失了文字；请找到原始文件再导入。',
  },
};
