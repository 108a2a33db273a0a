import { randomUUID } from 'node:crypto';
import type { DisputedPoint, ElementSignal, ElementState, ElementStatus, SourceSpan } from '../../../shared/contract/review';
import type { CauseElement } from '../../../shared/rules/causes';
import { sentenceRanges } from '../llm/chat';
import { ruleFor, type ElementRule } from './elementRules';

/**
 * Element statuses from the pleadings and the evidence. The complaint asserts (claim); the
 * answer admits or denies clause by clause (自认, Evidence Rules art. 3; a denial or a defence
 * such as "已归还" puts the fact in dispute); cross-examination opinions on an item that bears on
 * the element count the same way. An element nobody admitted or denied stays unproven: silence
 * is not an admission until the judge has asked (Evidence Rules art. 4).
 */

export interface PleadingDoc {
  readonly documentId: string;
  readonly title: string;
  readonly text: string;
}

export interface EvidenceForAnalysis {
  readonly id: string;
  readonly seq: number;
  readonly name: string;
  readonly purpose: string;
  readonly submittedBy: string | null;
  readonly crossExam: ReadonlyArray<{ partyId: string; partyName: string; authenticity: string; legality: string; relevance: string; note: string }>;
}

const ADMIT_RE = /(?<![不未否])(?:认可|承认|无异议|没有异议|不持异议|属实|确认|是事实|予以确认|确有此事)/u;
const DENY_RE =
  /(?:否认|不认可|不予认可|不同意|不承认|不是事实|不属实|并非|并未|从未|未曾|没有(?!异议)|不存在|虚假|伪造|(?<![没无])有异议|提出异议|不应|无需|不予|不知情|拒绝|不成立|无效|已(?:经)?(?:于[^，,；;。]{0,16})?(?:全部|部分)?(?:归还|偿还|还清|还款|支付|付清|履行|清偿)|超过.{0,6}时效)/u;

export type Stance = 'admission' | 'denial' | null;

/** The stance of one clause of an answer. A denial wins over an admission in the same clause ("认可借条，但未收到款项" is split at the comma first). */
export function clauseStance(clause: string): { stance: Stance; match: string } {
  const d = DENY_RE.exec(clause);
  if (d) return { stance: 'denial', match: d[0] };
  const a = ADMIT_RE.exec(clause);
  if (a) return { stance: 'admission', match: a[0] };
  return { stance: null, match: '' };
}

interface Clause {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

function clausesOf(text: string, start: number, end: number): Clause[] {
  const out: Clause[] = [];
  let s = start;
  for (let i = start; i <= end; i++) {
    if (i === end || /[，,；;：:]/.test(text[i] as string)) {
      if (i > s) out.push({ start: s, end: i, text: text.slice(s, i) });
      s = i + 1;
    }
  }
  return out;
}

function hits(rule: ElementRule, s: string): string[] {
  return rule.keywords.filter((k) => s.includes(k));
}

function span(doc: PleadingDoc, start: number, end: number): SourceSpan {
  const e = Math.min(end, start + 300);
  return { documentId: doc.documentId, documentTitle: doc.title, start, end: e, quote: doc.text.slice(start, e) };
}

/** Sentences are capped so a huge pleading cannot stall the analysis. */
const MAX_SENTENCES = 3000;
const MAX_SIGNALS_PER_ELEMENT = 12;

export interface AnalysisInput {
  readonly causeId: string | null;
  readonly elements: readonly CauseElement[];
  readonly complaints: readonly PleadingDoc[];
  readonly answers: readonly PleadingDoc[];
  readonly evidence: readonly EvidenceForAnalysis[];
}

export function analyzeElements(input: AnalysisInput): Array<Omit<ElementState, 'status' | 'statusSource' | 'note'>> {
  const rules = input.elements.map((e) => ({ el: e, rule: ruleFor(input.causeId, e.id, e.zh), signals: [] as ElementSignal[] }));
  const add = (i: number, s: ElementSignal) => {
    const r = rules[i]!;
    if (r.signals.length < MAX_SIGNALS_PER_ELEMENT && !r.signals.some((x) => x.kind === s.kind && x.source?.start === s.source?.start && x.evidenceId === s.evidenceId)) {
      r.signals.push(s);
    }
  };
  for (const doc of input.complaints) {
    for (const r of sentenceRanges(doc.text).slice(0, MAX_SENTENCES)) {
      const sentence = doc.text.slice(r.start, r.end);
      rules.forEach((x, i) => {
        if (hits(x.rule, sentence).length) add(i, { kind: 'claim', text: sentence.slice(0, 300), source: span(doc, r.start, r.end), evidenceId: null });
      });
    }
  }
  for (const doc of input.answers) {
    for (const r of sentenceRanges(doc.text).slice(0, MAX_SENTENCES)) {
      const clauses = clausesOf(doc.text, r.start, r.end);
      let prevElements: number[] = [];
      for (const c of clauses) {
        const matched = rules.map((x, i) => (hits(x.rule, c.text).length ? i : -1)).filter((i) => i >= 0);
        const { stance, match } = clauseStance(c.text);
        // The stance word names the element itself ("已归还" is about repayment): give it only to that element.
        const specific = stance ? matched.filter((i) => rules[i]!.rule.keywords.some((k) => match.includes(k))) : [];
        const targets = specific.length ? specific : matched.length ? matched : stance ? prevElements : [];
        if (stance) for (const i of targets) add(i, { kind: stance, text: c.text.slice(0, 300), source: span(doc, c.start, c.end), evidenceId: null });
        if (matched.length) prevElements = matched;
      }
    }
  }
  for (const ev of input.evidence) {
    const text = `${ev.name} ${ev.purpose}`;
    rules.forEach((x, i) => {
      if (!hits(x.rule, text).length) return;
      add(i, { kind: 'evidence', text: `证据${ev.seq}：${ev.name}${ev.purpose ? `（${ev.purpose.slice(0, 80)}）` : ''}`, source: null, evidenceId: ev.id });
      for (const o of ev.crossExam) {
        if (o.partyId === ev.submittedBy) continue;
        const opinions = [o.authenticity, o.legality, o.relevance];
        const disputed = opinions.includes('dispute');
        const allAdmit = opinions.every((v) => v === 'admit');
        if (!disputed && !allAdmit) continue;
        const which = (['真实性', '合法性', '关联性'] as const).filter((_, k) => opinions[k] === 'dispute').join('、');
        add(i, {
          kind: disputed ? 'denial' : 'admission',
          text: disputed ? `${o.partyName}对证据${ev.seq}（${ev.name}）的${which}有异议${o.note ? `：${o.note}` : ''}` : `${o.partyName}对证据${ev.seq}（${ev.name}）的三性均无异议`,
          source: null,
          evidenceId: ev.id,
        });
      }
    });
  }
  const hasAnswer = input.answers.length > 0;
  return rules.map(({ el, signals }) => {
    const denials = signals.filter((s) => s.kind === 'denial');
    const admissions = signals.filter((s) => s.kind === 'admission');
    const claims = signals.filter((s) => s.kind === 'claim');
    const evidenceIds = [...new Set(signals.filter((s) => s.evidenceId !== null).map((s) => s.evidenceId!))];
    let status: ElementStatus;
    let reason: string;
    if (denials.length) {
      status = 'disputed';
      reason = `对方否认或提出抗辩：${denials[0]!.text.slice(0, 80)}`;
    } else if (admissions.length) {
      status = 'admitted';
      reason = `对方认可：${admissions[0]!.text.slice(0, 80)}`;
    } else {
      status = 'unproven';
      const parts: string[] = [];
      parts.push(claims.length ? '原告已主张' : '起诉状未涉及');
      parts.push(hasAnswer ? '答辩未表态' : '未找到答辩状');
      parts.push(evidenceIds.length ? `有${evidenceIds.length}项证据待质证` : '尚无相应证据');
      reason = parts.join('；');
    }
    return {
      elementId: el.id,
      zh: el.zh,
      en: el.en,
      basis: el.basis,
      ruleStatus: status,
      reason,
      mentioned: signals.length > 0,
      signals,
      evidenceIds,
    };
  });
}

/**
 * Proposed disputed points: one per disputed element, and one per unproven element the
 * complaint relies on (a fact the plaintiff must still prove). Points the judge confirmed,
 * rejected or wrote are kept; a rule point keeps its id while its element stays in issue.
 */
export function proposePoints(
  causeId: string | null,
  elements: readonly ElementState[],
  previous: readonly DisputedPoint[],
): DisputedPoint[] {
  const kept = previous.filter((p) => p.origin === 'judge' || p.status !== 'proposed');
  const keptElements = new Set(kept.flatMap((p) => p.elementIds));
  const out: DisputedPoint[] = [...kept];
  for (const e of elements) {
    if (keptElements.has(e.elementId)) continue;
    const claimed = e.signals.some((s) => s.kind === 'claim');
    if (!(e.status === 'disputed' || (e.status === 'unproven' && claimed))) continue;
    const prior = previous.find((p) => p.origin === 'rule' && p.elementIds.length === 1 && p.elementIds[0] === e.elementId);
    const rule = ruleFor(causeId, e.elementId, e.zh);
    const sources = e.signals
      .filter((s) => s.source !== null && (e.status === 'disputed' ? s.kind === 'denial' : s.kind === 'claim'))
      .slice(0, 4)
      .map((s) => s.source!);
    out.push({
      id: prior?.id ?? randomUUID(),
      seq: 0,
      text: rule.question,
      elementIds: [e.elementId],
      status: 'proposed',
      origin: 'rule',
      sources,
    });
  }
  return out.map((p, i) => ({ ...p, seq: i + 1 }));
}
