import type { CaseInput } from '../../shared/contract/cases';

const CAUSES = ['民间借贷纠纷', '买卖合同纠纷', '机动车交通事故责任纠纷', '离婚纠纷', '劳动争议', '物业服务合同纠纷', '房屋租赁合同纠纷'];
const STAGES = ['intake', 'service', 'pretrial', 'hearing', 'decision', 'closed'] as const;

/** Deterministic, clearly synthetic cases for scale tests and benchmarks. */
export function syntheticCase(i: number): CaseInput {
  const year = 2024 + (i % 3);
  return {
    caseNumber: `（${year}）粤0305民初${i}号`,
    causeOfAction: CAUSES[i % CAUSES.length]!,
    procedure: i % 2 ? 'simplified' : 'ordinary',
    stage: STAGES[i % STAGES.length]!,
    filedOn: `${year}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
    judge: `审判员${i % 12}`,
    parties: [
      { role: 'plaintiff', name: `原告${i}号`, address: '示例市示例区' },
      { role: 'defendant', kind: i % 3 ? 'natural' : 'legal', name: `被告${i}号${i % 3 ? '' : '有限公司'}` },
    ],
    claims: [{ text: `判令被告支付${i * 100}元`, amountFen: i * 10_000 }],
  };
}
