import type { Api } from '../../shared/contract/methods';

/** Fictional case-file documents for the sample private-lending case (张明远 v 李清河). */
export const COMPLAINT = `民事起诉状
原告：张明远，男，1980年5月12日出生，汉族，住示例省示例市示例区明远路1号。
被告：李清河，男，1985年9月30日出生，汉族，住示例省示例市示例区清河街8号。
诉讼请求：
1.判令被告偿还借款本金50000元；
2.判令被告按年利率6%支付自2026年1月11日起至实际清偿之日止的逾期利息；
3.本案诉讼费用由被告负担。
事实与理由：
2025年1月10日，被告因资金周转向原告借款50000元，并出具借条一份，约定年利率6%，借期一年。原告当日通过银行转账向被告交付借款50000元。借款到期后，原告于2026年1月15日催讨，次日被告承诺同月底前还款，但至今未还。
此致
示例市示例区人民法院
具状人：张明远
2026年2月20日`;

export const ANSWER = `民事答辩状
答辩人：李清河，男，住示例省示例市示例区清河街8号。
被答辩人：张明远。
答辩人因被答辩人诉答辩人民间借贷纠纷一案，现答辩如下：
答辩人对借条的真实性无异议，认可向原告借款50000元的事实。但答辩人已于2025年6月归还20000元，尚欠30000元。关于利息，双方从未约定利息，原告主张的年利率6%不属实。
答辩人：李清河
2026年3月10日`;

export const EVIDENCE_LIST = `证据目录
提交人：原告张明远
1. 借条一份（原件），证明被告于2025年1月10日向原告借款50000元。第1页
2、银行转账凭证，来源：中国银行出具，证明原告已通过银行转账交付借款50000元，第2-3页
3. 微信聊天记录截图，证明原告多次催讨，被告承诺还款。P4-6
提交人：张明远
2026年2月20日`;

export const SERVICE_RECEIPT = `送达回证
案号：（2026）粤0305民初9001号
送达文书：起诉状副本、应诉通知书、举证通知书
受送达人：李清河
送达方式：直接送达
签收人：李清河  2026年3月5日`;

export const BAD_DATES = `情况说明
次日原告再次催讨。2025年2月30日被告写下还款计划。`;

export const b64 = (s: string | Buffer) => (typeof s === 'string' ? Buffer.from(s, 'utf8') : s).toString('base64');

/** Loads the samples and returns the private-lending sample case. */
export async function loanCase(api: Api) {
  await api['samples.load']({});
  const list = await api['cases.list']({ query: '9001' });
  const id = list.items[0]!.id;
  return api['cases.get']({ id });
}

export async function addDoc(api: Api, caseId: string, filename: string, text: string | Buffer) {
  return api['documents.add']({ caseId, filename, contentBase64: b64(text) });
}
