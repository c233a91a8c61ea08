/** Messages about the text encoding of imported scenario files and run logs (core/textFile.ts). Rendered by the back end. */
export const files = {
  kind: {
    scenario: '演练文件',
    csv: 'CSV 文件',
  },
  encoding: {
    notText: '{{kind}}既不是 UTF-8 编码，也不是 GB18030 编码的文本，无法读取；请另存为 UTF-8 后再导入。',
    badBom: '{{kind}}开头标明是 {{encoding}} 编码，但其中有不符合该编码的字节，无法读取。',
    replacementCharacters: '{{kind}}中有 {{count}} 个替换字符“�”（第一个在第 {{line}} 行），说明文件在之前的转换中已经丢失了文字；请找到原始文件再导入。',
    replacementCharacters_one: '{{kind}}中有 {{count}} 个替换字符“�”（第一个在第 {{line}} 行），说明文件在之前的转换中已经丢失了文字；请找到原始文件再导入。',
  },
};
