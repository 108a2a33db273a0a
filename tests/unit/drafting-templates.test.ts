import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DRAFT_KINDS } from '../../shared/contract/drafting';
import { AppError } from '../../shared/contract/result';
import { citeLabel, deriveAppealCourt, numberItems, yuanText } from '../../electron/backend/drafting/fill';
import { loadTemplates, parseCitations, parseTemplate } from '../../electron/backend/drafting/templates';
import { PromptRegistry } from '../../electron/backend/llm/prompts';

const resources = join(__dirname, '..', '..', 'resources');

function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected an error');
}

describe('document templates (resources/templates)', () => {
  const set = loadTemplates(resources);

  it('has a valid template for every document kind', () => {
    expect([...set.templates.keys()].sort()).toEqual([...DRAFT_KINDS].sort());
    for (const t of set.templates.values()) {
      expect(t.sections[0]!.id).toBe('court');
      expect(t.sections.at(-1)!.layout).toBe('closing');
    }
  });

  it('names only shipped draft-* prompts, whose answers are bounded', () => {
    const prompts = PromptRegistry.load(join(resources, 'prompts'));
    const used = new Set([...set.templates.values()].flatMap((t) => t.sections.flatMap((s) => (s.prompt ? [s.prompt] : []))));
    expect([...used].sort()).toEqual(['draft-claims', 'draft-defense', 'draft-findings', 'draft-reasoning']);
    for (const id of used) expect(prompts.get(`${id}@1`).output).toMatchObject({ properties: { text: { type: 'string' } } });
  });

  it('orders a judgment as real judgments do (brief §5.2)', () => {
    expect(set.templates.get('judgment')!.sections.map((s) => s.id)).toEqual([
      'court', 'docName', 'caseNumber', 'parties', 'origin', 'claims', 'defense', 'findings', 'reasoning',
      'basis', 'operative', 'latePayment', 'costs', 'appeal', 'signature',
    ]);
  });

  it('cites the late-payment article in force on the document date (brief §0.3)', () => {
    const late = set.citations['cplLatePayment']!;
    expect(citeLabel(late, '2024-01-01')).toBe('第二百六十四条');
    expect(citeLabel(late, '2026-06-10')).toBe('第二百六十四条');
    expect(citeLabel(late, '2023-12-31')).toBe('第二百六十条');
    expect(citeLabel(late, '2022-01-01')).toBe('第二百六十条');
    expect(citeLabel(late, '2021-12-31')).toBe('第二百五十三条');
    expect(citeLabel(set.citations['cplRulingWithdrawal']!, '2025-03-01')).toBe('第一百五十七条第一款第五项');
  });

  it('refuses a template with an unknown value, naming the file and the field', () => {
    const bad = { ...structuredClone(JSON.parse(JSON.stringify(set.templates.get('summons')))) };
    delete (bad as { file?: string }).file;
    (bad.sections as Array<{ text: unknown }>)[0]!.text = '{courtNmae}';
    const e = errorOf(() => parseTemplate('summons.json', bad, set.citations));
    expect(e.message).toMatch(/^Template summons\.json: sections\.0\.text uses \{courtNmae\}/);
  });

  it('refuses unknown sentences, citations, flags, duplicate ids and a wrong file name', () => {
    const base = JSON.parse(JSON.stringify(set.templates.get('judgment'))) as Record<string, unknown> & {
      sections: Array<Record<string, unknown>>;
    };
    delete base['file'];
    const variant = (f: (t: typeof base) => void) => {
      const t = structuredClone(base);
      f(t);
      return t;
    };
    expect(errorOf(() => parseTemplate('judgment.json', variant((t) => (t.sections[1]!['text'] = '{@nope}')), set.citations)).message).toMatch(
      /sections\.1\.text uses \{@nope\}, but sentences has no "nope"/,
    );
    expect(errorOf(() => parseTemplate('judgment.json', variant((t) => (t.sections[1]!['text'] = '{cite:nope}')), set.citations)).message).toMatch(
      /citations\.json has no "nope"/,
    );
    expect(errorOf(() => parseTemplate('judgment.json', variant((t) => (t.sections[1]!['when'] = 'rainy')), set.citations)).message).toMatch(
      /sections\.1\.when must be one of/,
    );
    expect(errorOf(() => parseTemplate('judgment.json', variant((t) => (t.sections[2]!['id'] = 'court')), set.citations)).message).toMatch(
      /sections\.2\.id "court" is used twice/,
    );
    expect(errorOf(() => parseTemplate('other.json', base, set.citations)).message).toMatch(/must be named judgment\.json/);
    expect(errorOf(() => parseTemplate('judgment.json', variant((t) => (t.sections[0]!['layout'] = 'sideways')), set.citations)).message).toMatch(
      /^Template judgment\.json: sections\.0\.layout/,
    );
  });

  it('declares which procedures each judgment template is for, and refuses an unknown one', () => {
    expect(set.templates.get('judgment')!.procedures).toEqual(['ordinary']);
    expect(set.templates.get('judgment_simplified')!.procedures).toEqual(['simplified', 'small_claims']);
    // Rulings, mediation statements and notices read the same under any procedure.
    expect(set.templates.get('ruling_withdrawal')!.procedures).toBeUndefined();
    const bad = JSON.parse(JSON.stringify(set.templates.get('judgment'))) as Record<string, unknown>;
    delete bad['file'];
    bad['procedures'] = ['summary'];
    expect(errorOf(() => parseTemplate('judgment.json', bad, set.citations)).message).toMatch(/^Template judgment\.json: procedures\.0 /);
  });

  it('refuses a citation table without versions', () => {
    expect(errorOf(() => parseCitations('citations.json', { citations: { x: { law: 'L', versions: [] } } })).message).toMatch(
      /citations\.json: citations\.x\.versions/,
    );
  });
});

describe('fill helpers', () => {
  it('numbers several items 一、二、… with ；and 。, and leaves a single item unnumbered (brief §5.3)', () => {
    expect(numberItems(['甲', '乙；', '丙。'])).toBe('一、甲；\n二、乙；\n三、丙。');
    expect(numberItems(['驳回原告的诉讼请求'])).toBe('驳回原告的诉讼请求。');
  });
  it('writes fees as judgments do', () => {
    expect(yuanText(105000)).toBe('1050');
    expect(yuanText(211110)).toBe('2111.10');
  });
  it('derives the appeal court from a district court name, or gives up', () => {
    expect(deriveAppealCourt('广东省深圳市南山区人民法院')).toBe('广东省深圳市中级人民法院');
    expect(deriveAppealCourt('北京市海淀区人民法院')).toBeNull();
  });
});
