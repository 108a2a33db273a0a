import type { CaseStage } from '../contract/cases';

/**
 * 立案 → 送达 → 审前准备 → 开庭 → 调解/裁判 → 结案 → 归档, with the shortcuts practice needs.
 * Shared so the backend enforces and the UI offers exactly the same moves.
 */
export const TRANSITIONS: Readonly<Record<CaseStage, readonly CaseStage[]>> = {
  // A registered case may be withdrawn (撤诉, CPL art. 148) before service.
  intake: ['service', 'closed'],
  // Mediation can settle a case before any hearing (CPL arts. 96, 136(2)).
  service: ['pretrial', 'decision', 'closed'],
  pretrial: ['hearing', 'decision', 'closed'],
  hearing: ['decision', 'closed'],
  decision: ['closed'],
  closed: ['archived'],
  archived: [],
};

export function canTransition(from: CaseStage, to: CaseStage): boolean {
  return TRANSITIONS[from].includes(to);
}
