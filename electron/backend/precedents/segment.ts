import { createRequire } from 'node:module';

/**
 * Chinese word segmentation for the precedent and statute indexes.
 *
 * Choice (measured, see README "Precedents" and bench/precedents.ts): @node-rs/jieba's
 * cutForSearch without HMM. On legal text it keeps the terms judges search for whole (判令, 人民币,
 * 民法典, 诉讼请求) and also emits their parts (诉讼, 请求), so a query for either form matches; it
 * segments 3–5 M chars/s against 0.9–1.8 M for Intl.Segmenter, which matters when indexing
 * 100,000 judgments. HMM is off because it glues names to the next word (张三向, 元及).
 * Intl.Segmenter is the fallback when the native module cannot load; the segmenter's name is stored
 * with the index so a switch is detected and the index rebuilt rather than silently mismatched.
 */

interface JiebaLike {
  cutForSearch(text: string, hmm?: boolean): string[];
}

let jieba: JiebaLike | null | undefined;

function loadJieba(): JiebaLike | null {
  if (jieba !== undefined) return jieba;
  if (process.env['COURTDESK_SEGMENTER'] === 'intl') return (jieba = null);
  try {
    const req = createRequire(__filename);
    const mod = req('@node-rs/jieba') as { Jieba: { withDict(dict: Uint8Array): JiebaLike } };
    const dict = (req('@node-rs/jieba/dict') as { dict: Uint8Array }).dict;
    jieba = mod.Jieba.withDict(dict);
  } catch {
    jieba = null;
  }
  return jieba;
}

const intl = new Intl.Segmenter('zh', { granularity: 'word' });

export function segmenterName(): string {
  return loadJieba() ? 'jieba-search-nohmm/1' : 'intl-segmenter/1';
}

/** Tokens FTS5's unicode61 tokenizer keeps as exactly one token, so a quoted term never becomes a phrase. */
const WORD = /^[\p{L}\p{N}]+$/u;
const MAX_TOKEN = 24;

function rawTokens(text: string): string[] {
  const j = loadJieba();
  if (j) return j.cutForSearch(text, false);
  const out: string[] = [];
  for (const s of intl.segment(text)) if (s.isWordLike) out.push(s.segment);
  return out;
}

/** Lower-cased word tokens (punctuation and symbols dropped), in text order. */
export function tokenize(text: string): string[] {
  if (!text) return [];
  const out: string[] = [];
  for (const t of rawTokens(text)) {
    if (t.length > MAX_TOKEN || !WORD.test(t)) continue;
    out.push(t.toLowerCase());
  }
  return out;
}

/** The space-joined form stored in the FTS5 tables (unicode61 splits on the spaces). */
export function indexText(text: string): string {
  return tokenize(text).join(' ');
}

/**
 * Function words and boilerplate that carry no meaning for similarity. Anything else frequent is
 * handled by IDF at query time, so this list stays short and language-level, not corpus-tuned.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    '的 了 在 是 和 与 及 或 等 对 向 于 被 将 其 该 为 之 以 由 所 就 并 已 也 而 但 从 到 把 给 个 这 那 有 无 不 ' +
    '年 月 日 时 分 许 某 元 人 上述 以上 以下 经 因 后 前 中 内 至 及其 以及 或者 并且 如下 一 二 三 四 五 六 七 八 九 十 ' +
    '第 条 款 项 号 之后 同时 其中 其他 相关 进行 予以 应当 可以 没有 一个 一起 我们 他们 她们 自己 当时'
  ).split(/\s+/),
);

/**
 * Query tokens that are not words of the case: numbers of one or two digits (days, months, hours,
 * the pieces of 1.5 and 3.5万) and single Latin letters (anonymised names such as 王X, plate
 * prefixes). Each matches a large share of any corpus, so as query terms they rank judgments by
 * shared dates and list "3" and "5" as reasons. Amounts and article numbers of three or more digits
 * stay; the query's amount is also compared as a number by the re-ranking.
 */
export function isNoiseTerm(token: string): boolean {
  return /^(?:\d{1,2}|[a-z])$/.test(token);
}

/**
 * `text` without the years of its dates (2019年, 2019年度), for taking query terms from: a date's
 * year says as little about similarity as its day and month, and a year someone means is a filter
 * (yearFrom/yearTo). Case numbers such as （2022）某0101民初100号 keep their year (no 年 follows).
 */
export function withoutDateYears(text: string): string {
  return text.replace(/(?<!\d)(?:1[89]|20)\d{2}(?=年)/g, ' ');
}
