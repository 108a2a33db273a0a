/**
 * Causes of action (案由) per 民事案件案由规定 (2020 revision), as a tree loaded from data
 * (resources/causes/causes.json: common basic-court causes with element checklists, brief §7).
 * The full SPC catalogue can be loaded later in the same shape. `suggestCauses` ranks selectable
 * causes by weighted keyword matches and reports the matches as reasons.
 */
import { z } from 'zod';
import data from '../../resources/causes/causes.json';
import { RuleInputError } from './errors';
import { toHalfWidth } from './numerals';

const ElementSchema = z.object({
  id: z.string().min(1),
  zh: z.string().min(1),
  en: z.string().min(1),
  /** Where the element comes from, e.g. "CC arts. 667, 668". */
  basis: z.string().min(1),
});

const NodeSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  level: z.number().int().min(1).max(4),
  parent: z.string().nullable(),
  name: z.string().min(1),
  nameEn: z.string().min(1),
  /** Number or numeral in the catalogue (e.g. "14", "十", "第四部分"); null when not verified. */
  code: z.string().nullable(),
  selectable: z.boolean(),
  /** Whether the node's position in the catalogue was verified. */
  verified: z.boolean(),
  /** [keyword, weight]; negative weights count against the cause. */
  keywords: z.array(z.tuple([z.string().min(1), z.number().int().min(-10).max(10)])).default([]),
  elements: z.array(ElementSchema).default([]),
  notes: z.array(z.string()).default([]),
});

export const CauseCatalogueSchema = z.object({
  schema: z.literal('courtdesk.causes/1'),
  catalogue: z.string(),
  note: z.string().optional(),
  nodes: z.array(NodeSchema).min(1),
});

export type CauseElement = z.infer<typeof ElementSchema>;
export type CauseNode = z.infer<typeof NodeSchema>;

export interface CauseTree {
  readonly catalogue: string;
  readonly nodes: ReadonlyMap<string, CauseNode>;
  readonly roots: readonly string[];
  readonly children: ReadonlyMap<string, readonly string[]>;
}

/** Validate catalogue data and build the tree. Throws RuleInputError. */
export function buildCauseTree(input: unknown): CauseTree {
  const parsed = CauseCatalogueSchema.safeParse(input);
  if (!parsed.success) {
    const msg = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new RuleInputError(`Invalid cause catalogue: ${msg}`, `案由目录数据无效：${msg}`);
  }
  const nodes = new Map<string, CauseNode>();
  const children = new Map<string, string[]>();
  const roots: string[] = [];
  for (const n of parsed.data.nodes) {
    if (nodes.has(n.id)) throw new RuleInputError(`Duplicate cause id ${n.id}`, `案由编号${n.id}重复`);
    nodes.set(n.id, n);
  }
  for (const n of nodes.values()) {
    if (n.parent === null) {
      if (n.level !== 1) throw new RuleInputError(`Root cause ${n.id} must be level 1`, `顶级案由${n.id}层级应为1`);
      roots.push(n.id);
      continue;
    }
    const p = nodes.get(n.parent);
    if (p === undefined) throw new RuleInputError(`Cause ${n.id} has unknown parent ${n.parent}`, `案由${n.id}的上级${n.parent}不存在`);
    if (n.level !== p.level + 1) throw new RuleInputError(`Cause ${n.id} level must be ${p.level + 1}`, `案由${n.id}层级应为${p.level + 1}`);
    const list = children.get(p.id) ?? [];
    list.push(n.id);
    children.set(p.id, list);
  }
  return { catalogue: parsed.data.catalogue, nodes, roots, children };
}

/** The built-in catalogue of common causes (embedded from resources/causes/causes.json). */
export const DEFAULT_CAUSE_TREE: CauseTree = buildCauseTree(data);

export function getCause(id: string, tree: CauseTree = DEFAULT_CAUSE_TREE): CauseNode | null {
  return tree.nodes.get(id) ?? null;
}

/** Ancestors from the root down to the node itself. */
export function causePath(id: string, tree: CauseTree = DEFAULT_CAUSE_TREE): CauseNode[] {
  const out: CauseNode[] = [];
  let cur = tree.nodes.get(id);
  while (cur !== undefined) {
    out.unshift(cur);
    cur = cur.parent === null ? undefined : tree.nodes.get(cur.parent);
  }
  return out;
}

/** Find a cause by its Chinese name (exact, e.g. 民间借贷纠纷). */
export function findCauseByName(name: string, tree: CauseTree = DEFAULT_CAUSE_TREE): CauseNode | null {
  const n = name.trim();
  for (const node of tree.nodes.values()) if (node.name === n && node.selectable) return node;
  return null;
}

export interface CauseReason {
  readonly keyword: string;
  readonly weight: number;
  /** Span of the first occurrence in the input text. */
  readonly start: number;
  readonly end: number;
  readonly count: number;
}

export interface CauseSuggestion {
  readonly id: string;
  readonly name: string;
  readonly nameEn: string;
  readonly score: number;
  /** Root-to-node names, e.g. ["合同、准合同纠纷", "合同纠纷", "借款合同纠纷", "民间借贷纠纷"]. */
  readonly path: readonly string[];
  readonly reasons: readonly CauseReason[];
  /** Element checklist to show once chosen. */
  readonly elements: readonly CauseElement[];
}

export interface SuggestOptions {
  readonly limit?: number;
  /** Candidates below this score are dropped (default 2). */
  readonly minScore?: number;
  readonly tree?: CauseTree;
}

/**
 * Suggest causes of action for free text (complaint claims and facts). Each selectable cause
 * scores the sum of the weights of its keywords present in the text (each keyword once);
 * naming the cause itself (e.g. "民间借贷纠纷") counts heavily. Deterministic; ties break on
 * catalogue order.
 */
export function suggestCauses(text: string, options: SuggestOptions = {}): CauseSuggestion[] {
  const tree = options.tree ?? DEFAULT_CAUSE_TREE;
  const limit = options.limit ?? 5;
  const minScore = options.minScore ?? 2;
  const s = toHalfWidth(text);
  const scored: Array<{ suggestion: CauseSuggestion; order: number }> = [];
  let order = 0;
  for (const node of tree.nodes.values()) {
    order++;
    if (!node.selectable) continue;
    const reasons: CauseReason[] = [];
    let score = 0;
    const named = s.indexOf(node.name);
    if (named >= 0) {
      reasons.push({ keyword: node.name, weight: 10, start: named, end: named + node.name.length, count: 1 });
      score += 10;
    }
    for (const [kw, weight] of node.keywords) {
      const first = s.indexOf(kw);
      if (first < 0) continue;
      let count = 0;
      for (let i = first; i >= 0; i = s.indexOf(kw, i + kw.length)) count++;
      reasons.push({ keyword: kw, weight, start: first, end: first + kw.length, count });
      score += weight;
    }
    if (score >= minScore && reasons.some((r) => r.weight > 0)) {
      scored.push({
        suggestion: {
          id: node.id,
          name: node.name,
          nameEn: node.nameEn,
          score,
          path: causePath(node.id, tree).map((n) => n.name),
          reasons: reasons.sort((a, b) => b.weight - a.weight || a.start - b.start),
          elements: node.elements,
        },
        order,
      });
    }
  }
  scored.sort((a, b) => b.suggestion.score - a.suggestion.score || a.order - b.order);
  return scored.slice(0, limit).map((x) => x.suggestion);
}
