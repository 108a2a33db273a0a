import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildTasks, readSuite, yuanToFen } from '../../electron/backend/llm/bench';
import { readCatalog } from '../../electron/backend/llm/download';
import { defaultThreads } from '../../electron/backend/llm/lib';
import { PromptRegistry, parsePromptFile, renderPrompt } from '../../electron/backend/llm/prompts';
import { unboundedPaths, validateJson } from '../../electron/backend/llm/schema';
import { AppError } from '../../shared/contract/result';

const resources = resolve(__dirname, '..', '..', 'resources');
const registry = PromptRegistry.load(join(resources, 'prompts'));
const good = JSON.parse(readFileSync(join(resources, 'prompts', 'fact-qa@1.json'), 'utf8')) as Record<string, unknown>;

function problem(fileName: string, raw: unknown): string {
  try {
    parsePromptFile(fileName, raw);
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return (err as AppError).message;
  }
  throw new Error('expected the prompt to be refused');
}

describe('prompt registry', () => {
  it('loads every shipped prompt, versioned, with bounded output schemas', () => {
    const ids = registry.list().map((p) => `${p.id}@${p.version}`);
    // Every file in resources/prompts loads (none silently skipped), and the core prompts are there.
    const files = readdirSync(join(resources, 'prompts'))
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.replace(/\.json$/, ''))
      .sort();
    expect([...ids].sort()).toEqual(files);
    expect(ids).toEqual(expect.arrayContaining(['case-chat@1', 'case-chat@2', 'cause-of-action@1', 'extract-parties@1', 'fact-qa@1']));
    // A bare id means the newest version; older versions stay for the provenance that names them.
    expect(registry.get('case-chat').version).toBe(2);
    for (const p of registry.list()) expect(unboundedPaths(p.output)).toEqual([]);
    expect(registry.get('fact-qa').version).toBe(1);
    expect(() => registry.get('nope')).toThrow(/No prompt named nope/);
  });

  it('refuses a file name that does not match id@version', () => {
    expect(problem('fact-qa@2.json', good)).toMatch(/file name must be fact-qa@1.json/);
  });

  it('refuses an unbounded output schema', () => {
    const raw = { ...good, output: { type: 'object', properties: { answer: { type: 'string' }, list: { type: 'array', items: { type: 'integer' } } } } };
    const msg = problem('fact-qa@1.json', raw);
    expect(msg).toMatch(/\$\.answer: string without maxLength/);
    expect(msg).toMatch(/\$\.list: array without maxItems/);
  });

  it('refuses a template placeholder the input does not declare, and a bad truncate field', () => {
    expect(problem('fact-qa@1.json', { ...good, template: '{{passage}} {{nothing}}' })).toMatch(/\{\{nothing\}\}/);
    expect(problem('fact-qa@1.json', { ...good, truncate: 'missing' })).toMatch(/truncate names "missing"/);
  });

  it('validates input before rendering', () => {
    const def = registry.get('fact-qa@1');
    expect(renderPrompt(def, { passage: 'P', question: 'Q' })).toContain('问题：Q');
    expect(() => renderPrompt(def, { passage: 'P' })).toThrow(/Input for prompt fact-qa@1/);
  });

  it('checks answers against the schema', () => {
    const def = registry.get('cause-of-action@1');
    expect(validateJson(def.output, { cause: '民间借贷纠纷', confidence: 'high' })).toEqual({ ok: true });
    expect(validateJson(def.output, { cause: '不存在的案由', confidence: 'high' }).ok).toBe(false);
  });
});

describe('bench suite and catalogue', () => {
  const suite = readSuite(resources);

  it('has 30 complaints and fact items whose references fit the prompts', () => {
    expect(suite.complaints).toHaveLength(30);
    expect(suite.facts.length).toBeGreaterThanOrEqual(10);
    const causes = (registry.get('cause-of-action@1').output['properties'] as { cause: { enum: string[] } }).cause.enum;
    for (const c of suite.complaints) {
      expect(causes).toContain(c.cause);
      for (const name of [...c.plaintiffs, ...c.defendants]) expect(c.text).toContain(name);
      if (c.amountYuan) expect(c.text).toContain(c.amountYuan);
    }
    for (const f of suite.facts) expect(f.answers.some((a) => f.passage.includes(a))).toBe(true);
  });

  it('interleaves task kinds and scores answers', () => {
    const tasks = buildTasks(suite);
    expect(tasks.slice(0, 3).map((t) => t.kind)).toEqual(['extract', 'cause', 'fact']);
    const first = tasks[0]!;
    expect(first.score({ plaintiffs: ['张秀兰'], defendants: ['李国强'], amountYuan: '80,000元' })).toBe(1);
    expect(first.score({ plaintiffs: ['张秀兰'], defendants: [], amountYuan: '8万' })).toBeCloseTo(2 / 3);
    expect(tasks[1]!.score({ cause: '民间借贷纠纷' })).toBe(1);
    expect(tasks[2]!.score({ answer: '归还利息4000元' })).toBe(1);
    expect(tasks[2]!.score({ answer: '材料未载明' })).toBe(0);
    expect(yuanToFen('')).toBeNull();
    expect(yuanToFen('1.5万')).toBe(1_500_000);
    expect(Number.isNaN(yuanToFen('abc'))).toBe(true);
  });

  it('lists no invented hashes, and ids and files are unique', () => {
    const cat = readCatalog(resources);
    expect(cat.length).toBeGreaterThanOrEqual(7);
    expect(new Set(cat.map((m) => m.id)).size).toBe(cat.length);
    expect(new Set(cat.map((m) => m.file)).size).toBe(cat.length);
    // Hashes are only added after the project verified a file itself.
    expect(cat.every((m) => m.sha256 === null)).toBe(true);
  });

  it('chooses threads that leave a core free on small machines', () => {
    expect(defaultThreads(1)).toBe(1);
    expect(defaultThreads(2)).toBe(1);
    expect(defaultThreads(4)).toBe(3);
    expect(defaultThreads(16)).toBe(6);
  });
});

/** Longest JSON text a schema allows, in characters: an upper bound on what the grammar may force out. */
function maxJsonChars(s: Record<string, unknown>): number {
  const props = (s['properties'] ?? {}) as Record<string, Record<string, unknown>>;
  switch (s['type']) {
    case 'string':
      return Number(s['maxLength'] ?? 0) + 2;
    case 'object':
      return Object.entries(props).reduce((n, [k, v]) => n + maxJsonChars(v) + k.length + 4, 2);
    case 'array':
      return Number(s['maxItems'] ?? 0) * (maxJsonChars((s['items'] ?? {}) as Record<string, unknown>) + 1) + 2;
    case 'integer':
    case 'number':
      return 20;
    default:
      return Array.isArray(s['enum']) ? Math.max(...(s['enum'] as unknown[]).map((e) => JSON.stringify(e).length)) : 10;
  }
}

describe('prompt budgets', () => {
  // A model that writes every string to its bound must still close the JSON before maxTokens,
  // or the answer is lost; at least one token per character is the conservative budget.
  it.each(registry.list().map((p) => [`${p.id}@${p.version}`, p] as const))('%s budgets enough tokens for its longest answer', (_name, p) => {
    expect(p.maxTokens).toBeGreaterThanOrEqual(maxJsonChars(p.output as Record<string, unknown>));
  });
});
