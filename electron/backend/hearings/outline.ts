import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { CaseDetail } from '../../../shared/contract/cases';
import { OUTLINE_STAGE_ZH, PARTY_ROLE_ZH as ROLE_ZH, type OutlineSection } from '../../../shared/contract/hearings';
import type { ElementsAnalysis, EvidenceItem } from '../../../shared/contract/review';
import { ruleFor } from '../review/elementRules';

type Section = z.infer<typeof OutlineSection>;
type Item = Section['items'][number];
type Target = Item['target'];

/**
 * The hearing outline (庭审提纲) in the order of a civil first-instance hearing (CPL arts.
 * 141-145): preparation and rights (回避, art. 140), court investigation — statements, then the
 * questions each disputed point raises — evidence and cross-examination (Evidence Rules arts.
 * 60-62), debate around the disputed points, final statements, and the parties' willingness to
 * mediate (CPL art. 145: a judgment follows only if mediation fails; for divorce mediation is
 * mandatory, CC art. 1079).
 */


function item(text: string, target: Target, extra: Partial<Pick<Item, 'pointId' | 'elementId' | 'evidenceId'>> = {}): Item {
  return { id: randomUUID(), text, target, pointId: null, elementId: null, evidenceId: null, done: false, ...extra };
}

export function generateOutline(c: CaseDetail, analysis: ElementsAnalysis | null, evidence: readonly EvidenceItem[]): Section[] {
  const hasThird = c.parties.some((p) => p.role === 'third_party');
  const points = (analysis?.points ?? []).filter((p) => p.status !== 'rejected').sort((a, b) => (a.status === 'confirmed' ? 0 : 1) - (b.status === 'confirmed' ? 0 : 1) || a.seq - b.seq);
  const elements = new Map((analysis?.elements ?? []).map((e) => [e.elementId, e]));

  const opening: Item[] = [
    item('查明当事人及其他诉讼参加人到庭情况，核对身份及代理权限', 'court'),
    item(`宣布开庭，宣布案由（${c.causeOfAction || '案由待定'}）、审判人员和书记员名单`, 'court'),
    item('告知当事人诉讼权利义务，询问是否申请回避（民事诉讼法第一百四十条）', 'all'),
  ];

  const investigation: Item[] = [
    item('原告陈述诉讼请求及事实和理由', 'plaintiff'),
    item('被告进行答辩', 'defendant'),
  ];
  if (hasThird) investigation.push(item('第三人陈述意见', 'third_party'));
  const admitted = [...elements.values()].filter((e) => e.status === 'admitted');
  if (admitted.length) investigation.push(item(`归纳双方无争议的事实：${admitted.map((e) => e.zh.split('（')[0]).join('；')}`, 'court'));
  for (const p of points) {
    const els = p.elementIds.map((id) => elements.get(id)).filter((e) => e !== undefined);
    if (els.length === 0) {
      investigation.push(item(`就“${p.text}”，请原告陈述事实并说明证据`, 'plaintiff', { pointId: p.id }));
      investigation.push(item(`就“${p.text}”，被告有何意见，有无相反证据`, 'defendant', { pointId: p.id }));
      continue;
    }
    for (const e of els) {
      const rule = ruleFor(analysis?.causeId ?? null, e.elementId, e.zh);
      investigation.push(item(rule.askPlaintiff, 'plaintiff', { pointId: p.id, elementId: e.elementId }));
      investigation.push(item(rule.askDefendant, 'defendant', { pointId: p.id, elementId: e.elementId }));
    }
  }

  const evidenceItems: Item[] = [];
  const order: Record<string, number> = { plaintiff: 0, defendant: 1, third_party: 2 };
  const sorted = [...evidence].sort((a, b) => (order[a.submittedByRole ?? ''] ?? 3) - (order[b.submittedByRole ?? ''] ?? 3) || a.seq - b.seq);
  for (const e of sorted) {
    const by = e.submittedByRole ? ROLE_ZH[e.submittedByRole] : '';
    const submitter = e.submittedByName ? `${by}${e.submittedByName}` : '提交人待定';
    evidenceItems.push(
      item(`出示证据${e.seq}：${e.name}（${submitter}提交${e.purpose ? `；证明目的：${e.purpose}` : ''}）`, (e.submittedByRole ?? 'court') as Target, { evidenceId: e.id }),
    );
    const others = c.parties.filter((p) => p.id !== e.submittedBy && p.role !== e.submittedByRole);
    const whom = others.length ? [...new Set(others.map((p) => ROLE_ZH[p.role]))].join('、') : '对方当事人';
    const target: Target = e.submittedByRole === 'plaintiff' ? 'defendant' : e.submittedByRole === 'defendant' ? 'plaintiff' : 'all';
    evidenceItems.push(item(`请${whom}对证据${e.seq}的真实性、合法性、关联性发表质证意见`, target, { evidenceId: e.id }));
  }
  if (evidenceItems.length === 0) evidenceItems.push(item('当事人举证、质证（证据目录尚无条目，请先整理证据目录）', 'all'));

  const debate: Item[] = [item('归纳争议焦点，征询当事人意见', 'court')];
  points.forEach((p, i) => debate.push(item(`围绕争议焦点${i + 1}“${p.text}”进行辩论`, 'all', { pointId: p.id })));
  if (points.length === 0) debate.push(item('当事人围绕诉讼请求及争议事实发表辩论意见', 'all'));

  const final: Item[] = [item('原告发表最后陈述意见', 'plaintiff'), item('被告发表最后陈述意见', 'defendant')];
  if (hasThird) final.push(item('第三人发表最后陈述意见', 'third_party'));

  const mediation: Item[] = [item('询问原告是否愿意调解及调解方案', 'plaintiff'), item('询问被告是否愿意调解及调解方案', 'defendant')];
  if (c.causeOfAction.includes('离婚')) mediation.unshift(item('离婚案件应当进行调解（民法典第一千零七十九条）', 'court'));

  return [
    { stage: 'opening', title: OUTLINE_STAGE_ZH.opening, items: opening },
    { stage: 'investigation', title: OUTLINE_STAGE_ZH.investigation, items: investigation },
    { stage: 'evidence', title: OUTLINE_STAGE_ZH.evidence, items: evidenceItems },
    { stage: 'debate', title: OUTLINE_STAGE_ZH.debate, items: debate },
    { stage: 'final_statement', title: OUTLINE_STAGE_ZH.final_statement, items: final },
    { stage: 'mediation', title: OUTLINE_STAGE_ZH.mediation, items: mediation },
  ];
}
