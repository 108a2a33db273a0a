import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import type { Citation, CitedArticle, StatuteArticle, StatuteImportResult, StatuteLaw } from '../../../shared/contract/precedents';
import { AppError } from '../../../shared/contract/result';
import { getCause, findCauseByName } from '../../../shared/rules/causes';
import { parseChineseInteger, toHalfWidth, tryParseDateText } from '../../../shared/rules/numerals';
import { decodeText } from '../documents/extract';
import type { Db } from '../store/db';
import * as repo from '../store/repos/statutes';
import { STOP_WORDS, indexText, tokenize } from './segment';

// ------------------------------------------------------------------------------------------------
// Parsing a statute file (LawRefBook layout: "# title", optional "# book", info lines up to
// "<!-- INFO END -->", "##"/"###" headings, articles starting "第X条").
// ------------------------------------------------------------------------------------------------

const NUM = '0-9零〇一二两三四五六七八九十百千';
const ARTICLE_LINE = new RegExp(`^第([${NUM}]+)条(?:之([一二三四五六七八九十]+))?\\s*(.*)$`);

export interface ParsedArticle {
  number: number;
  sub: number;
  label: string;
  headings: string[];
  text: string;
}

export interface ParsedLaw {
  title: string;
  part: string;
  /** The date in the file name, else the effective date, else the last adoption/amendment date in the info block. */
  version: string;
  effectiveFrom: string | null;
  articles: ParsedArticle[];
}

const ISO_IN_NAME = /\((\d{4}-\d{2}-\d{2})\)/;

export function parseStatute(text: string, fileName: string): ParsedLaw {
  const lines = text.replace(/\r\n?/g, '\n').split('\n').map((l) => l.replace(/[\u200b\ufeff]/g, '').trimEnd());
  let title = '';
  let part = '';
  let effectiveFrom: string | null = null;
  const headings: string[] = [];
  const articles: ParsedArticle[] = [];
  let cur: ParsedArticle | null = null;
  let inInfo = true;
  let lastInfoDate: string | null = null;
  for (const raw of lines) {
    const line = raw.trim();
    if (!line) continue;
    if (line.startsWith('<!--')) {
      if (/INFO END/.test(line)) inInfo = false;
      continue;
    }
    const h = /^(#{1,6})\s*(.+)$/.exec(line);
    if (h) {
      const level = (h[1] as string).length;
      const name = (h[2] as string).trim();
      if (level === 1) {
        if (!title) title = name;
        else if (!part) part = name;
        continue;
      }
      // A heading closes the article before it; keep the path of ## / ### headings.
      cur = null;
      headings.length = Math.max(0, level - 2);
      headings[level - 2] = name.replace(/\s+/g, ' ');
      continue;
    }
    if (!title) {
      // Plain text: the first line is the title.
      title = line;
      continue;
    }
    const m = ARTICLE_LINE.exec(line);
    if (m) {
      inInfo = false;
      const number = parseChineseInteger(m[1] as string);
      if (number === null || number < 1) continue;
      const sub = m[2] ? (parseChineseInteger(m[2]) ?? 0) : 0;
      cur = {
        number,
        sub,
        label: line.slice(0, line.indexOf('条') + 1 + (m[2] ? 1 + (m[2] as string).length : 0)),
        headings: [...(part ? [part] : []), ...headings.filter(Boolean)],
        text: (m[3] as string).trim(),
      };
      articles.push(cur);
      const eff = /自(\d{4}年\d{1,2}月\d{1,2}日)起施行/.exec(line);
      if (eff && !effectiveFrom) effectiveFrom = tryParseDateText(eff[1] as string);
      continue;
    }
    if (inInfo) {
      const eff = /^(\d{4}年\d{1,2}月\d{1,2}日)\s*(?:起)?施行/.exec(line) ?? /自(\d{4}年\d{1,2}月\d{1,2}日)起施行/.exec(line);
      if (eff && !effectiveFrom) effectiveFrom = tryParseDateText(eff[1] as string);
      const d = /^(\d{4}年\d{1,2}月\d{1,2}日)/.exec(line);
      if (d) lastInfoDate = tryParseDateText(d[1] as string) ?? lastInfoDate;
      continue;
    }
    if (cur) cur.text += `\n${line}`;
  }
  const version = ISO_IN_NAME.exec(fileName)?.[1] ?? effectiveFrom ?? lastInfoDate ?? '';
  return { title: title.replace(/\s+/g, ''), part, version, effectiveFrom, articles };
}

// ------------------------------------------------------------------------------------------------
// Names of laws
// ------------------------------------------------------------------------------------------------

/** Abbreviations judges write, mapped to the full titles they stand for. */
export const LAW_ALIASES: Readonly<Record<string, string>> = {
  民诉法: '中华人民共和国民事诉讼法',
  民诉法解释: '最高人民法院关于适用《中华人民共和国民事诉讼法》的解释',
  民诉解释: '最高人民法院关于适用《中华人民共和国民事诉讼法》的解释',
  民事诉讼法解释: '最高人民法院关于适用《中华人民共和国民事诉讼法》的解释',
  民间借贷规定: '最高人民法院关于审理民间借贷案件适用法律若干问题的规定',
  民间借贷司法解释: '最高人民法院关于审理民间借贷案件适用法律若干问题的规定',
  证据规定: '最高人民法院关于民事诉讼证据的若干规定',
  民事证据规定: '最高人民法院关于民事诉讼证据的若干规定',
};

/**
 * Short names recognised without 《》 even when the library lacks the law, so that a citation of a
 * law not (yet) imported, or repealed (合同法 since 2021-01-01, 民法典 art. 1260), is flagged rather
 * than silently skipped.
 */
const COMMON_SHORT_NAMES = [
  '民法典', '民事诉讼法', '劳动合同法', '劳动法', '道路交通安全法', '公司法', '合同法', '物权法', '婚姻法',
  '担保法', '侵权责任法', '民法通则', '民法总则', '刑法', '刑事诉讼法', '行政诉讼法', '劳动争议调解仲裁法',
];

/** Comparison key: no book-title marks or spaces, no 中华人民共和国 prefix, no "(2023年修正)" suffix. */
export function lawKey(name: string): string {
  return toHalfWidth(name)
    .replace(/[《》〈〉<>\s"“”]/g, '')
    .replace(/[（(]\d{4}年?[^）)]{0,12}[）)]$/, '')
    .replace(/^中华人民共和国/, '')
    .replace(/关于适用中华人民共和国/g, '关于适用');
}

export function shortTitleOf(title: string): string {
  return title.replace(/^中华人民共和国/, '');
}

function lawId(title: string, version: string): string {
  return `law_${createHash('sha256').update(`${title}\u0001${version}`).digest('hex').slice(0, 20)}`;
}

// ------------------------------------------------------------------------------------------------
// Import
// ------------------------------------------------------------------------------------------------

function listStatuteFiles(path: string): string[] {
  if (!existsSync(path)) throw new AppError('NOT_FOUND', `Not found: ${path}`);
  if (statSync(path).isFile()) return [path];
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(md|txt)$/i.test(e.name)) out.push(p);
    }
  };
  walk(path);
  return out;
}

const yieldToLoop = () => new Promise<void>((r) => setImmediate(r));

export async function importStatutes(
  db: Db,
  path: string,
  o: { now: number; progress: (done: number, total: number, msg: string) => void; cancelled: () => boolean },
): Promise<StatuteImportResult> {
  const files = listStatuteFiles(path);
  const root = statSync(path).isFile() ? dirname(path) : path;
  const result: StatuteImportResult = { files: files.length, laws: 0, articles: 0, replaced: 0, skipped: [] };
  const parsed: Array<{ rel: string; law: ParsedLaw }> = [];
  for (const file of files) {
    if (o.cancelled()) throw new AppError('CANCELLED', 'Statute import cancelled');
    const rel = relative(root, file) || basename(file);
    try {
      const law = parseStatute(decodeText(readFileSync(file)), basename(file));
      if (!law.title || law.articles.length === 0) result.skipped.push({ file: rel, message: 'no articles (第X条) found', code: 'no_articles' });
      else parsed.push({ rel, law });
    } catch (err) {
      result.skipped.push({ file: rel, message: `cannot read: ${(err as Error).message}`, code: 'unreadable' });
    }
  }
  // The books of one code (民法典: one file per book) share one version: a book whose file states
  // no effective date takes its siblings' (same title, same folder) rather than becoming a version of its own.
  for (const p of parsed) {
    if (!p.law.part || p.law.effectiveFrom) continue;
    const sibling = parsed.find(
      (q) => q !== p && q.law.title === p.law.title && q.law.effectiveFrom && dirname(q.rel) === dirname(p.rel),
    );
    if (sibling) {
      p.law.version = sibling.law.version;
      p.law.effectiveFrom = sibling.law.effectiveFrom;
    }
  }
  const clearedThisRun = new Set<string>();
  let last = Date.now();
  for (let i = 0; i < parsed.length; i++) {
    if (o.cancelled()) throw new AppError('CANCELLED', `Statute import cancelled after ${i} of ${parsed.length} files`);
    const { rel, law } = parsed[i]!;
    const id = lawId(law.title, law.version);
    const category = rel.split(/[\\/]/).length > 1 ? (rel.split(/[\\/]/)[0] as string) : '';
    db.transaction(() => {
      repo.upsertLaw(db, {
        id,
        title: law.title,
        shortTitle: shortTitleOf(law.title),
        category,
        version: law.version,
        effectiveFrom: law.effectiveFrom,
        file: rel,
        now: o.now,
      });
      // One law can span several files (民法典: one per book): clear it once per run, then add.
      if (!clearedThisRun.has(id)) {
        clearedThisRun.add(id);
        const n = repo.clearArticles(db, id);
        if (n > 0) result.replaced++;
        else result.laws++;
      }
      for (const a of law.articles) {
        repo.insertArticle(db, { lawId: id, ...a }, indexText(a.text));
        result.articles++;
      }
    })();
    o.progress(i + 1, parsed.length, rel);
    if (Date.now() - last > 40) {
      await yieldToLoop();
      last = Date.now();
    }
  }
  return result;
}

// ------------------------------------------------------------------------------------------------
// Resolving a law name and a version
// ------------------------------------------------------------------------------------------------

export class LawIndex {
  readonly laws: StatuteLaw[];
  readonly byKey = new Map<string, StatuteLaw[]>();
  constructor(db: Db) {
    this.laws = repo.listLaws(db);
    for (const l of this.laws) {
      const k = lawKey(l.title);
      this.byKey.set(k, [...(this.byKey.get(k) ?? []), l]);
    }
    for (const list of this.byKey.values()) list.sort((a, b) => versionDate(a).localeCompare(versionDate(b)));
  }

  /** All versions of a law named in any usual way (oldest first); [] when unknown. */
  versions(name: string): StatuteLaw[] {
    const direct = this.laws.find((l) => l.id === name);
    if (direct) return this.byKey.get(lawKey(direct.title)) ?? [direct];
    const k = lawKey(name);
    const hit = this.byKey.get(k);
    if (hit) return hit;
    const alias = LAW_ALIASES[k] ?? LAW_ALIASES[name.trim()];
    if (alias) return this.byKey.get(lawKey(alias)) ?? [];
    return [];
  }

  /** Names that may stand without 《》 before 第X条 (short titles and aliases), longest first. */
  bareNames(): string[] {
    const names = new Set<string>([...Object.keys(LAW_ALIASES), ...COMMON_SHORT_NAMES]);
    for (const l of this.laws) {
      if (l.title.length <= 20) names.add(l.shortTitle);
    }
    return [...names].filter((n) => n.length >= 2).sort((a, b) => b.length - a.length);
  }
}

function versionDate(l: StatuteLaw): string {
  return l.effectiveFrom ?? l.version ?? '';
}

/** The version in force on `asOf` (the newest whose date is not after it); the newest when asOf is absent. */
export function pickVersion(versions: readonly StatuteLaw[], asOf: string | undefined): StatuteLaw | null {
  if (versions.length === 0) return null;
  if (!asOf) return versions.at(-1) ?? null;
  const inForce = versions.filter((v) => !versionDate(v) || versionDate(v) <= asOf);
  return inForce.at(-1) ?? null;
}

// ------------------------------------------------------------------------------------------------
// Citations
// ------------------------------------------------------------------------------------------------

const ART = `第([${NUM}]+)条(?:之([一二三四五六七八九十]+))?(?:第([${NUM}]+)款)?(?:第?[（(]?([${NUM}]+)[)）]?项)?`;
const CHAIN = new RegExp(`^\\s*${ART}(?:\\s*(?:、|，|,|和|及|以及|至|到|—|－|-|~)\\s*${ART})*`);
const ONE = new RegExp(ART, 'g');

interface ArticleRef {
  number: number;
  sub: number;
  paragraph: number | null;
  item: number | null;
}

function num(s: string | undefined): number | null {
  return s === undefined ? null : parseChineseInteger(s);
}

/** Parses "第X条第Y款第Z项、第A条至第B条" into references; ranges expand (at most 100 articles). */
export function parseArticleChain(chain: string): ArticleRef[] {
  const out: ArticleRef[] = [];
  let prevEnd = 0;
  let prev: ArticleRef | null = null;
  for (const m of chain.matchAll(ONE)) {
    const ref: ArticleRef = {
      number: num(m[1]) ?? 0,
      sub: m[2] ? (num(m[2]) ?? 0) : 0,
      paragraph: num(m[3]),
      item: num(m[4]),
    };
    const between = chain.slice(prevEnd, m.index);
    if (prev && /至|到|—|－|-|~/.test(between) && ref.number > prev.number && ref.number - prev.number <= 100) {
      for (let n = prev.number + 1; n < ref.number; n++) out.push({ number: n, sub: 0, paragraph: null, item: null });
    }
    if (ref.number > 0) out.push(ref);
    prev = ref;
    prevEnd = m.index + m[0].length;
  }
  return out;
}

function itemsOf(paragraph: string): string[] {
  return paragraph.split('\n').filter((l) => /^[（(][一二三四五六七八九十]+[)）]/.test(l.trim()));
}

function linkArticle(db: Db, idx: LawIndex, law: StatuteLaw, versions: readonly StatuteLaw[], ref: ArticleRef): CitedArticle {
  const base = { number: ref.number, sub: ref.sub, paragraph: ref.paragraph, item: ref.item };
  const art = repo.getArticle(db, law.id, ref.number, ref.sub);
  if (!art) {
    const elsewhere = versions.filter((v) => v.id !== law.id && repo.getArticle(db, v.id, ref.number, ref.sub));
    if (elsewhere.length) {
      return {
        ...base,
        status: 'not_in_version',
        text: null,
        note: `该条不在${law.version || '所选'}版本中（见 ${elsewhere.map((v) => v.version || '未注明日期的').join('、')} 版本）`,
      };
    }
    return { ...base, status: 'no_such_article', text: null, note: `${law.title}${law.version ? `（${law.version}）` : ''}没有该条（最大为第${repo.maxArticle(db, law.id)}条）` };
  }
  void idx;
  if (ref.paragraph === null) return { ...base, status: 'ok', text: art.text, note: '' };
  const para = art.paragraphs[ref.paragraph - 1];
  if (para === undefined) {
    return { ...base, status: 'no_such_paragraph', text: null, note: `该条只有${art.paragraphs.length}款` };
  }
  if (ref.item === null) return { ...base, status: 'ok', text: para, note: '' };
  // Items (项) are the "（一）…" lines; they usually follow the paragraph that introduces them.
  const items = itemsOf(art.paragraphs.slice(ref.paragraph - 1).join('\n'));
  const item = items[ref.item - 1];
  if (item === undefined) return { ...base, status: 'no_such_item', text: null, note: `该款没有第${ref.item}项` };
  return { ...base, status: 'ok', text: item, note: '' };
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Finds every citation (《法名》第X条…, or a known short name such as 民法典第675条) and links it. */
export function citeText(db: Db, text: string, asOf?: string): Citation[] {
  const idx = new LawIndex(db);
  const bare = idx.bareNames().map(escapeRe);
  // Nested titles first: 《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》 (〈〉 normalised to 《》 below).
  const lawRe = new RegExp(
    `《([^《》\\n]{1,80}《[^《》\\n]{1,40}》[^《》\\n]{0,80}?)》|《([^《》\\n]{1,150}?)》|(${bare.length ? bare.join('|') : '(?!)'})(?=\\s*第)`,
    'g',
  );
  const src = text.replace(/〈/g, '《').replace(/〉/g, '》');
  const out: Citation[] = [];
  for (const m of src.matchAll(lawRe)) {
    const lawText = m[1] ?? m[2] ?? m[3] ?? '';
    const end = m.index + m[0].length;
    const chain = CHAIN.exec(src.slice(end));
    if (!chain) continue;
    const refs = parseArticleChain(chain[0]);
    if (refs.length === 0) continue;
    const versions = idx.versions(lawText);
    const law = pickVersion(versions, asOf) ?? (versions.length ? (versions[0] ?? null) : null);
    const raw = text.slice(m.index, end + chain[0].length);
    if (!law) {
      out.push({
        raw,
        start: m.index,
        end: end + chain[0].length,
        lawText,
        law: null,
        otherVersions: [],
        articles: refs.map((r) => ({ ...r, status: 'unknown_law', text: null, note: '法规库中没有该法律（可能已废止、名称有误或尚未导入）' })),
        status: 'unknown_law',
      });
      continue;
    }
    const articles = refs.map((r) => linkArticle(db, idx, law, versions, r));
    const bad = articles.find((a) => a.status !== 'ok');
    out.push({
      raw,
      start: m.index,
      end: end + chain[0].length,
      lawText,
      law: { id: law.id, title: law.title, shortTitle: law.shortTitle, category: law.category, version: law.version, effectiveFrom: law.effectiveFrom },
      otherVersions: versions.filter((v) => v.id !== law.id).map((v) => v.version),
      articles,
      status: bad ? bad.status : 'ok',
    });
  }
  return out;
}

export function getArticle(db: Db, law: string, number: number, sub: number, asOf?: string): StatuteArticle {
  const idx = new LawIndex(db);
  const versions = idx.versions(law);
  const v = pickVersion(versions, asOf);
  if (!v) throw new AppError('NOT_FOUND', versions.length ? `${law}: no version in force on ${asOf}` : `Unknown law: ${law}`);
  const a = repo.getArticle(db, v.id, number, sub);
  if (!a) throw new AppError('NOT_FOUND', `${v.title}${v.version ? `（${v.version}）` : ''} has no article ${number}${sub ? `之${sub}` : ''}`);
  return a;
}

// ------------------------------------------------------------------------------------------------
// Search and statute push
// ------------------------------------------------------------------------------------------------

function latestLawIds(idx: LawIndex, asOf?: string): string[] {
  const out: string[] = [];
  for (const list of idx.byKey.values()) {
    const v = pickVersion(list, asOf);
    if (v) out.push(v.id);
  }
  return out;
}

export function searchStatutes(db: Db, query: string, limit: number, asOf?: string): { items: Array<StatuteArticle & { bm25: number }>; note: string | null } {
  const text = toHalfWidth(query).slice(0, 5000);
  const tf = new Map<string, number>();
  for (const t of tokenize(text)) if (!STOP_WORDS.has(t)) tf.set(t, (tf.get(t) ?? 0) + 1);
  if (tf.size === 0) return { items: [], note: '查询中没有可检索的词语' };
  const n = repo.statuteDocCount(db);
  if (n === 0) return { items: [], note: '法规库为空：请先导入法律法规' };
  const df = repo.statuteTermDf(db, [...tf.keys()].slice(0, 400));
  const terms = [...tf.entries()]
    .map(([t, c]) => ({ t, w: (1 + Math.log(c)) * Math.log(1 + (n - (df.get(t) ?? 0) + 0.5) / ((df.get(t) ?? 0) + 0.5)), d: df.get(t) ?? 0 }))
    .filter((x) => x.d > 0 && (x.d / n <= 0.3 || n < 50))
    .sort((a, b) => b.w - a.w)
    .slice(0, 32);
  if (terms.length === 0) return { items: [], note: '法规库中没有包含这些词语的条文' };
  const match = terms.map((x) => `"${x.t.replace(/"/g, '""')}"`).join(' OR ');
  const idx = new LawIndex(db);
  return { items: repo.searchArticles(db, match, limit, latestLawIds(idx, asOf)), note: null };
}

/** Prefixes of the element "basis" notes in resources/causes/causes.json → law names. */
const BASIS_LAWS: ReadonlyArray<[RegExp, string]> = [
  [/^CPL-Interp$/, '民诉法解释'],
  [/^CPL$/, '中华人民共和国民事诉讼法'],
  [/^CC$/, '中华人民共和国民法典'],
  [/private-lending provisions$|^provisions$/, '民间借贷规定'],
  [/traffic interpretation$/, '最高人民法院关于审理道路交通事故损害赔偿案件适用法律若干问题的解释'],
  [/lease interpretation$/, '最高人民法院关于审理城镇房屋租赁合同纠纷案件具体应用法律若干问题的解释'],
  [/sales interpretation$/, '最高人民法院关于审理买卖合同纠纷案件适用法律问题的解释'],
  [/labour interpretation \(一\)$/, '最高人民法院关于审理劳动争议案件适用法律问题的解释（一）'],
  [/property-service interpretation$/, '最高人民法院关于审理物业服务纠纷案件具体应用法律若干问题的解释'],
];

/** "CC arts. 667, 668; provisions arts. 2, 14–16" → [{law, numbers}]. */
export function parseBasis(basis: string): Array<{ law: string; numbers: number[] }> {
  const out: Array<{ law: string; numbers: number[] }> = [];
  for (const part of basis.split(';')) {
    const m = /^\s*(.+?)\s+arts?\.\s*(.+)$/.exec(part);
    if (!m) continue;
    const prefix = (m[1] as string).trim();
    const law = BASIS_LAWS.find(([re]) => re.test(prefix))?.[1] ?? (/[\u4e00-\u9fa5]/.test(prefix) ? prefix : null);
    if (!law) continue;
    const numbers: number[] = [];
    for (const piece of (m[2] as string).replace(/paras?\.\s*[\d–-]+/g, '').split(',')) {
      const r = /(\d+)(?:\s*[–-]\s*(\d+))?/.exec(piece);
      if (!r) continue;
      const a = Number(r[1]);
      const b = r[2] ? Number(r[2]) : a;
      for (let k = a; k <= Math.min(b, a + 30); k++) numbers.push(k);
    }
    out.push({ law, numbers });
  }
  return out;
}

export interface PushItem {
  article: StatuteArticle;
  score: number;
  reasons: string[];
}

/**
 * 法条推送: the articles behind the elements of the case's cause (brief §7, from the cause
 * catalogue), then articles whose text matches the facts. Only articles present in the imported
 * library are returned; nothing is made up when a law is missing.
 */
export function pushStatutes(db: Db, cause: string, factsText: string, limit: number, asOf?: string): PushItem[] {
  const idx = new LawIndex(db);
  const key = (a: StatuteArticle) => `${a.lawId}:${a.number}:${a.sub}`;
  // How well each article's text matches the facts (0..1), from a wide BM25 pass.
  const text = `${cause}\n${factsText}`.trim();
  const fact = new Map<string, { article: StatuteArticle; score: number; terms: string[] }>();
  if (text) {
    const found = searchStatutes(db, text, 200, asOf).items;
    const max = Math.max(1e-9, ...found.map((f) => f.bm25));
    const words = [...new Set(tokenize(text).filter((t) => !STOP_WORDS.has(t) && t.length >= 2))];
    for (const f of found) {
      const { bm25, ...a } = f;
      fact.set(key(a), { article: a, score: bm25 / max, terms: words.filter((w) => a.text.includes(w)).slice(0, 6) });
    }
  }
  const items = new Map<string, PushItem>();
  // Articles behind the cause's elements rank first; among them, those the facts touch rank higher.
  const node = findCauseByName(cause) ?? getCause(cause);
  node?.elements.forEach((el, i) => {
    for (const { law, numbers } of parseBasis(el.basis)) {
      const v = pickVersion(idx.versions(law), asOf);
      if (!v) continue;
      for (const n of numbers) {
        const a = repo.getArticle(db, v.id, n, 0);
        if (!a) continue;
        const reason = `要件：${el.zh}（${el.basis}）`;
        const cur = items.get(key(a));
        if (cur) {
          if (!cur.reasons.includes(reason)) cur.reasons.push(reason);
          continue;
        }
        const f = fact.get(key(a));
        items.set(key(a), {
          article: a,
          score: 0.6 + 0.4 * (f?.score ?? 0) - i * 0.005,
          reasons: f?.terms.length ? [reason, `与案情相符的词语：${f.terms.join('、')}`] : [reason],
        });
      }
    }
  });
  for (const [k, f] of fact) {
    if (items.has(k)) continue;
    items.set(k, { article: f.article, score: 0.55 * f.score, reasons: [`与案情相符的词语：${f.terms.join('、') || '（多个）'}`] });
  }
  return [...items.values()]
    .sort((a, b) => b.score - a.score || a.article.number - b.article.number)
    .slice(0, limit)
    .map((i) => ({ ...i, score: Math.round(i.score * 1000) / 1000 }));
}
