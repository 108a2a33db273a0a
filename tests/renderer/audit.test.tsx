/**
 * The audit trail keeps the backend's detail as written (English keys, enum values); the panel says
 * it in the reader's language. Real i18n tables, real detail shapes from the backend's writeAudit calls.
 */
import { describe, expect, it } from 'vitest';
import { describeAuditDetail } from '../../renderer/src/features/cases/auditDetail';
import { createI18n } from '../../renderer/src/i18n';

const zh = createI18n('zh-CN').t;
const en = createI18n('en').t;

describe('audit detail in words', () => {
  it('labels the fields and translates enum values (service recorded)', () => {
    const detail = { partyName: '端木建华', method: 'post', servedOn: '2026-11-17', effectiveOn: '2026-11-17', partyId: 'p_8f2', foreignDomicile: false };
    expect(describeAuditDetail(zh, detail)).toBe('当事人：端木建华；送达方式：邮寄送达；送达日期：2026-11-17；送达生效日：2026-11-17；在中国境内无住所：否');
    expect(describeAuditDetail(en, detail)).toBe('party: 端木建华; service method: Service by post; served on: 2026-11-17; service effective: 2026-11-17; no domicile in China: No');
  });

  it('shows each changed field of a case edit as before → after', () => {
    const detail = {
      fields: { procedure: { from: 'simplified', to: 'ordinary' }, causeOfAction: { from: '', to: '借款合同纠纷' } },
      partiesAdded: ['defendant:李四'],
    };
    expect(describeAuditDetail(zh, detail)).toBe('程序：简易程序 → 普通程序；案由：— → 借款合同纠纷；新增当事人：defendant:李四');
  });

  it('writes a stage move as one arrow and keeps free text as typed', () => {
    expect(describeAuditDetail(zh, { from: 'intake', to: 'service', note: 'post 已寄出' })).toBe('立案 → 送达；备注：post 已寄出');
  });

  it('shortens hashes, sizes files, counts id lists and long lists, and picks the fee out of the registration', () => {
    expect(describeAuditDetail(zh, { filename: '起诉状.pdf', size: 2048, sha256: 'abcdef0123456789abcdef' })).toBe(
      '文件名：起诉状.pdf；大小：2.0 KB；SHA-256：abcdef012345…',
    );
    expect(describeAuditDetail(zh, { order: ['d1', 'd2', 'd3'] })).toBe('顺序：3 项');
    expect(describeAuditDetail(zh, { parties: ['甲', '乙', '丙', '丁', '戊', '己'] })).toBe('当事人：甲、乙、丙、丁、戊 等 6 项');
    expect(
      describeAuditDetail(zh, {
        caseNumber: '（2026）粤0305民初1号',
        procedure: 'simplified',
        fee: { kind: 'property', amountFen: 8_000_000, fee: '900.00', article: '13(1)' },
        deadlines: [{ kind: 'answer', due: '2026-12-02' }],
      }),
    ).toBe('案号：（2026）粤0305民初1号；程序：简易程序；诉讼费：¥900.00；期限：1 项');
  });

  it('falls back to the raw key and value for anything it does not know', () => {
    expect(describeAuditDetail(zh, { somethingNew: 'x_y', n: 1200 })).toBe('somethingNew：x_y；n：1,200');
  });
});
