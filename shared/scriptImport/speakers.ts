/**
 * Speakers written inside cells, as scripts print their dialogue:
 * `总指挥（张三）：…`, `总指挥：…`, `【解说员】…`, `(男)播音员：…`,
 * `1）巡检人员***通知值长：“…”`, several of them on separate lines.
 * Each line becomes the post that speaks (a role), the person's name when
 * one is given and not masked (`××`, `***`, `XXXX`, `AA` are dropped), and
 * the words.
 */
import { halfWidthOf, isMaskedName, withoutTrailingMask } from './text';

export type SpeakerLine = {
  /** The post or unit speaking (总指挥, 应急监测组); '' when the line names none. */
  speaker: string;
  /** A person's name given with the post, unless masked. */
  person: string;
  /** What is said or done, without the speaker. */
  words: string;
};

/** Longest speaker name taken from before a colon; longer text is a sentence, not a speaker. */
const MAX_SPEAKER = 16;
/** Numbering in front of a line: `1）`, `(2)`, `3.`, `一、`, `①`. */
const NUMBERING = /^\s*(?:\d{1,3}\s*[)）.、]|[(（]\s*\d{1,3}\s*[)）]|[一二三四五六七八九十]{1,3}、|[①-⑳])\s*/;
/** Words after which the text before a colon stops being the speaker: `值班员向总指挥报告：` → 值班员. */
const SPEECH_VERB = /(向|对|给|通知|报告|汇报|命令|指示|回复|回答|询问|下达|宣布|请示|联系|呼叫|电话|说|问|答|指出|强调|要求)/;
/** Narrators: their lines go to a control-team role, never to a player with tasks. */
const NARRATORS = /^(主持人|解说|解说员|旁白|画外音|播音员|讲解员|司仪|导演|主持)$/;

/** How posts and units end (应急监测组, 总指挥, 值班员, 县环境局…): in a cell that is not dialogue, only such a name is read as a speaker. */
const POST_ENDING = /(组|长|员|人|部|队|局|站|中心|办|室|厂|所|院|台|方|官|者|手|主任|书记|指挥|经理|司机|市民|群众|记者|医生|护士|专家|领导|代表|单位|班|科|处|委|会|政府|公司|企业)$/;

/** Whether a speaker is a narrator (主持人, 解说, 旁白…), whose role belongs to the control team. */
export function isNarrator(speaker: string): boolean {
  return NARRATORS.test(speaker.replace(/[(（][男女][)）]/g, '').trim());
}

const looksLikePost = (speaker: string) => POST_ENDING.test(speaker);

function speakerPartOf(raw: string): { speaker: string; person: string; rest: string } | null {
  let text = raw.replace(/^[(（][男女][)）]\s*/, '').trim();
  let person = '';
  let rest = '';
  // `值班长（××）报告镇政府`: the bracket after the post holds the person; what follows it is part of the words.
  const bracket = /^(.+?)\s*[(（]([^()（）]{1,12})[)）](.*)$/.exec(text);
  if (bracket) {
    text = bracket[1].trim();
    person = isMaskedName(bracket[2]) ? '' : bracket[2].trim();
    rest = bracket[3].trim();
  }
  // `巡检人员***通知值长`: a mask in the middle ends the post; what follows is part of the words.
  const mask = /(?:[×*＊○□■●◯]{2,}|某某|X{2,}|x{2,})/u.exec(text);
  if (mask && mask.index > 0 && mask.index + mask[0].length < text.length) {
    rest = text.slice(mask.index + mask[0].length) + rest;
    text = text.slice(0, mask.index);
  }
  const whole = withoutTrailingMask(text);
  const verb = looksLikePost(whole) || isNarrator(whole) ? null : SPEECH_VERB.exec(text);
  if (verb && verb.index > 1) {
    rest = text.slice(verb.index) + rest;
    text = text.slice(0, verb.index);
  }
  const speaker = withoutTrailingMask(text);
  if (speaker === '' || speaker.length > MAX_SPEAKER || /[，。；;,、!！?？“”"]/.test(speaker)) return null;
  return { speaker, person, rest };
}

/**
 * One line read for a speaker, or null when it names none. With `strict`
 * (a cell that is not a dialogue column) the name before a colon must look
 * like a post or unit (`应急监测组：`, `总指挥（××）：`), so `启动响应：通知各组` stays an action.
 */
export function speakerLineOf(line: string, strict = false): SpeakerLine | null {
  const text = line.replace(NUMBERING, '').trim();
  const tagged = /^[【\[]([^】\]]{1,16})[】\]]\s*[：:]?\s*(.*)$/s.exec(text);
  if (tagged) {
    const part = speakerPartOf(tagged[1]);
    if (part && tagged[2].trim() !== '' && (!strict || looksLikePost(part.speaker) || isNarrator(part.speaker))) return { speaker: part.speaker, person: part.person, words: tagged[2].trim() };
    return null;
  }
  const colon = /[：:]/.exec(text);
  if (!colon || colon.index === 0) return null;
  const before = text.slice(0, colon.index);
  // A colon inside quotes or after a clock time (`9:30`) is not a speaker's.
  if (/[“"「]/.test(before) || /\d$/.test(halfWidthOf(before))) return null;
  const part = speakerPartOf(before);
  const after = text.slice(colon.index + 1).trim();
  if (!part || after === '') return null;
  if (strict && !looksLikePost(part.speaker) && !isNarrator(part.speaker) && part.person === '' && !/[(（]/.test(before)) return null;
  return { speaker: part.speaker, person: part.person, words: part.rest ? `${part.rest}：${after}` : after };
}

/**
 * The speaker lines of a cell. A cell whose first line names a speaker is
 * split at every line that names one; lines without a speaker continue the
 * line before. A cell that names no speaker gives an empty list.
 * Example: `'总指挥（××）：启动应急响应。\n监测组：收到。'` →
 * `[{speaker:'总指挥', person:'', words:'启动应急响应。'}, {speaker:'监测组', person:'', words:'收到。'}]`.
 */
export function speakerLinesOf(cell: string, strict = false): SpeakerLine[] {
  const lines = cell.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');
  if (lines.length === 0) return [];
  const first = speakerLineOf(lines[0], strict);
  if (!first) return [];
  const result: SpeakerLine[] = [first];
  for (const line of lines.slice(1)) {
    const next = speakerLineOf(line, strict);
    if (next) result.push(next);
    else result[result.length - 1] = { ...result[result.length - 1], words: `${result[result.length - 1].words}\n${line}` };
  }
  return result;
}
