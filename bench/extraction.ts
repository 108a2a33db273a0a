/**
 * Extraction measurement (npm run bench extraction, or npx tsx bench/extraction.ts): runs the
 * intake rules over real civil judgment text in ../shared/data and reports precision/recall
 * against what those datasets let us verify independently of the rules:
 *
 *  A. Amounts (CJRC civil dev, 500 contexts): gold = annotators' answer spans that are amounts
 *     of money (answer text ends in 元 and sits at answer_start in the context). Recall = gold
 *     spans covered by an extracted amount of the same value. Precision = a hand audit of a
 *     fixed sample of extracted amounts (bench/extraction-audit.json), since nobody annotated
 *     every amount.
 *  B. Party names (CAIL2021 focus, 78 private-lending judgments): gold = the names in the
 *     paragraph headers "原告X诉称 / 原告X向本院提出诉讼请求" and "被告Y辩称", kept when the name
 *     also appears in the court's reasoning paragraph. The extractor reads only that paragraph
 *     (findPartyMentions). Precision counts mentions whose name is a header name of the same
 *     judgment (a lower bound: parties who filed no 辩称 have no header), and, second, mentions
 *     whose "原告X"/"被告X" is also written in the 诉称/辩称 paragraphs (independent text).
 *  C. Case numbers (both sets): gold = a deliberately loose net "(YYYY)…号"; recall and precision
 *     of findCaseNumbers against it, with the misses printed for inspection.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { findCaseNumbers } from '../shared/rules/caseNumber';
import { findPartyMentions } from '../shared/rules/complaint';
import { findAmounts, tryParseAmount } from '../shared/rules/money';

const root = resolve(__dirname, '..');
const dataDir = resolve(process.env['COURTDESK_EVAL_DATA'] ?? join(root, '..', 'shared', 'data'));
const cjrcPath = join(dataDir, 'cail2019-cjrc', 'dev_ground_truth.json');
const focusPath = join(dataDir, 'cail2021-focus', 'focus_recognition.jsonl');

if (!existsSync(cjrcPath) && !existsSync(focusPath)) {
  console.log(`extraction bench skipped: no evaluation data at ${dataDir} (set COURTDESK_EVAL_DATA to its folder)`);
  process.exit(0);
}

const pct = (n: number, d: number) => (d === 0 ? 'n/a' : `${((100 * n) / d).toFixed(1)}% (${n}/${d})`);
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

interface CjrcQa {
  question: string;
  answers: { text: string; answer_start: number }[];
}
interface CjrcCase {
  caseid: string;
  domain: string;
  paragraphs: { context: string; qas: CjrcQa[] }[];
}
interface FocusRecord {
  文书ID: string;
  诉称段?: string;
  辩称段?: string;
  裁判分析过程段?: string;
}

const cjrc: CjrcCase[] = existsSync(cjrcPath)
  ? (JSON.parse(readFileSync(cjrcPath, 'utf8')) as { data: CjrcCase[] }).data.filter((c) => c.domain === 'civil')
  : [];
const focus: FocusRecord[] = existsSync(focusPath)
  ? readFileSync(focusPath, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as FocusRecord)
  : [];

// ---------------------------------------------------------------------------------------------
// A. Amounts
// ---------------------------------------------------------------------------------------------
const AMOUNT_ANSWER = /^(?:人民币)?(?:[\d,.]+\s*[万亿]?|[零〇一二三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟]+)元(?:整)?$/;
if (cjrc.length > 0) {
  let gold = 0;
  let hit = 0;
  let spanOnly = 0;
  const misses: string[] = [];
  const sample: { key: string; raw: string; context: string }[] = [];
  for (const c of cjrc) {
    const p = c.paragraphs[0];
    if (!p) continue;
    const found = findAmounts(p.context);
    for (const m of found) {
      sample.push({ key: `${c.caseid}:${m.start}`, raw: m.raw, context: p.context.slice(Math.max(0, m.start - 12), m.end + 8) });
    }
    const seen = new Set<string>();
    for (const qa of p.qas) {
      for (const a of qa.answers) {
        const t = a.text.trim();
        if (!AMOUNT_ANSWER.test(t) || p.context.slice(a.answer_start, a.answer_start + a.text.length) !== a.text) continue;
        const key = `${a.answer_start}:${t}`;
        if (seen.has(key)) continue;
        seen.add(key);
        gold++;
        const value = tryParseAmount(t);
        const end = a.answer_start + a.text.length;
        const over = found.filter((m) => m.start < end && a.answer_start < m.end);
        if (over.some((m) => value !== null && m.fen === value)) hit++;
        else if (over.length > 0) spanOnly++;
        else if (misses.length < 8) misses.push(`${t}  …${p.context.slice(Math.max(0, a.answer_start - 10), end + 6)}…`);
      }
    }
  }
  console.log(`\nA. Amounts in CJRC civil contexts (${cjrc.length} judgments)`);
  console.log(`  recall vs annotated amount answers: ${pct(hit, gold)}; overlapping with another value: ${spanOnly}`);
  for (const m of misses) console.log(`    missed: ${m}`);
  // Precision: a fixed sample (smallest hashes) checked by hand, stored beside this script.
  const auditPath = join(__dirname, 'extraction-audit.json');
  const picked = sample.sort((x, y) => (sha(x.key) < sha(y.key) ? -1 : 1)).slice(0, 60);
  if (existsSync(auditPath)) {
    const audit = JSON.parse(readFileSync(auditPath, 'utf8')) as { amounts: Record<string, { raw: string; correct: boolean }> };
    const judged = picked.filter((s) => audit.amounts[s.key] !== undefined);
    const ok = judged.filter((s) => audit.amounts[s.key]?.correct === true);
    console.log(`  precision on a hand-audited sample: ${pct(ok.length, judged.length)} (${sample.length} amounts extracted in all)`);
    for (const s of judged.filter((x) => audit.amounts[x.key]?.correct !== true)) console.log(`    wrong: ${s.raw}  …${s.context}…`);
  } else {
    console.log(`  no ${auditPath}: the sample to audit by hand is:`);
    for (const s of picked) console.log(`    ${JSON.stringify(s)}`);
  }
}

// ---------------------------------------------------------------------------------------------
// B. Party names
// ---------------------------------------------------------------------------------------------
if (focus.length > 0) {
  const HEAD_P = /^(?:原告|原审原告)([^，,：:。；;\s]{2,60}?)(?:诉称|起诉称|向本院提出诉讼请求|提出诉讼请求)/;
  const HEAD_D = /^(?:被告|原审被告)([^，,：:。；;\s]{2,60}?)(?:辩称|答辩称|共同辩称|未答辩|未作答辩)/;
  let gold = 0;
  let found = 0;
  let mentions = 0;
  let matched = 0;
  let elsewhere = 0;
  let docs = 0;
  const wrong = new Map<string, number>();
  const missed: string[] = [];
  for (const r of focus) {
    const body = r.裁判分析过程段 ?? '';
    if (!body) continue;
    const names: { role: 'plaintiff' | 'defendant'; name: string }[] = [];
    const hp = HEAD_P.exec((r.诉称段 ?? '').trim());
    const hd = HEAD_D.exec((r.辩称段 ?? '').trim());
    for (const [h, role] of [[hp, 'plaintiff'], [hd, 'defendant']] as const) {
      if (h === null) continue;
      for (const n of (h[1] as string).split(/[、和与及]/)) if (n.length >= 2) names.push({ role, name: n });
    }
    if (names.length === 0) continue;
    docs++;
    const got = findPartyMentions(body);
    for (const g of names) {
      if (!body.includes(g.name)) continue; // not verifiable in this paragraph
      gold++;
      if (got.some((m) => m.role === g.role && m.name === g.name)) found++;
      else if (missed.length < 8) {
        const at = body.indexOf(g.name);
        missed.push(`${g.role} ${g.name}  …${body.slice(Math.max(0, at - 8), at + g.name.length + 6)}…`);
      }
    }
    const roles = new Set(names.map((n) => n.role));
    for (const m of got) {
      if (!roles.has(m.role as 'plaintiff' | 'defendant')) continue;
      mentions++;
      const other = `${r.诉称段 ?? ''}\n${r.辩称段 ?? ''}`;
      if (names.some((n) => n.role === m.role && n.name === m.name)) matched++;
      if (other.includes(`${m.role === 'plaintiff' ? '原告' : '被告'}${m.name}`)) elsewhere++;
      else wrong.set(`${m.role}:${m.name}`, (wrong.get(`${m.role}:${m.name}`) ?? 0) + 1);
    }
  }
  console.log(`\nB. Party names in CAIL2021 focus judgments (${docs} with a header name; reasoning paragraph only)`);
  console.log(`  recall of header names found in the body: ${pct(found, gold)}`);
  console.log(`  precision vs header names (lower bound): ${pct(matched, mentions)}`);
  console.log(`  precision vs role+name written in the parties' own paragraphs (诉称/辩称): ${pct(elsewhere, mentions)}`);
  for (const m of missed) console.log(`    missed: ${m}`);
  const top = [...wrong.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12);
  console.log(`    mentions not confirmed (top): ${top.map(([k, n]) => `${k}×${n}`).join('  ')}`);
}

// ---------------------------------------------------------------------------------------------
// C. Case numbers
// ---------------------------------------------------------------------------------------------
{
  const texts = [
    ...cjrc.map((c) => c.paragraphs[0]?.context ?? ''),
    ...focus.flatMap((r) => [r.诉称段 ?? '', r.辩称段 ?? '', r.裁判分析过程段 ?? '']),
  ];
  const NET = /[(（〔[]\s*(?:19|20)\d{2}\s*[)）〕\]][^，。,；;：:\s“”"()（）]{1,30}?号(?:之[一二三四五六七八九十]+)?/g;
  let gold = 0;
  let hit = 0;
  let found = 0;
  let inNet = 0;
  const misses: string[] = [];
  for (const t of texts) {
    const net = [...t.matchAll(NET)].map((m) => ({ start: m.index, end: m.index + m[0].length, raw: m[0] }));
    const got = findCaseNumbers(t);
    gold += net.length;
    found += got.length;
    for (const n of net) {
      if (got.some((g) => g.start === n.start && g.end === n.end)) hit++;
      else if (misses.length < 10) misses.push(n.raw);
    }
    inNet += got.filter((g) => net.some((n) => n.start === g.start && n.end === g.end)).length;
  }
  console.log(`\nC. Case numbers (${texts.length} paragraphs)`);
  console.log(`  recall vs the loose "(YYYY)…号" net: ${pct(hit, gold)}; precision: ${pct(inNet, found)}`);
  for (const m of misses) console.log(`    not accepted: ${m}`);
}
