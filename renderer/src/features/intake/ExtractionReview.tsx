import { DeleteOutlined, PlusOutlined, SaveOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Card, Col, Empty, Popconfirm, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, PartyKind, PartyRole } from '../../../../shared/contract/cases';
import type { ExtractedAmount, ExtractedParty, Extraction, Span, StoredExtraction } from '../../../../shared/contract/intake';
import { formatYuan, toChineseCapital } from '../../../../shared/rules/money';
import { tryParseDateText } from '../../../../shared/rules/numerals';
import { useDocumentText } from '../../api/hooks';
import { ErrorAlert } from '../../ui/errors';
import { testId } from '../../ui/format';
import {
  corrected,
  correctedAmount,
  countFields,
  fieldAt,
  fieldEntries,
  LEGAL_FIELDS,
  NATURAL_FIELDS,
  type PartyTextField,
} from './extractionModel';
import { FieldRow, type FieldMeta } from './FieldRow';
import { pick, useLang } from './format';
import { useApplyExtraction, useExtraction, useSaveExtraction } from './hooks';
import { SourceText } from './SourceText';

const PANE_HEIGHT = 'max(480px, calc(100vh - 300px))';

/** Amount as a clerk checks it: Arabic with grouping, and the capitals of a bill. */
export function AmountText({ fen }: { fen: number }) {
  return (
    <span data-testid="amount-text">
      <Typography.Text strong>¥{formatYuan(fen)}</Typography.Text>
      <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
        {toChineseCapital(fen, { prefix: true })}
      </Typography.Text>
    </span>
  );
}

interface Pointer {
  readonly id: string;
  readonly span: Span | null;
}

interface EditorProps {
  readonly detail: CaseDetail;
  readonly stored: StoredExtraction;
  readonly text: string;
  readonly textMismatch: boolean;
  readonly onApplied: () => void;
}

function ReviewEditor({ detail, stored, text, textMismatch, onApplied }: EditorProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = AntApp.useApp();
  const save = useSaveExtraction();
  const apply = useApplyExtraction();
  const [draft, setDraft] = useState<Extraction>(() => structuredClone(stored.extraction));
  const [hover, setHover] = useState<Pointer | null>(null);
  const [pinned, setPinned] = useState<Pointer | null>(null);
  const [block, setBlock] = useState<Span | null>(null);
  const [error, setError] = useState<unknown>(null);
  const readOnly = detail.caseNumber !== '' || detail.status === 'archived';

  const dirty = useMemo(() => JSON.stringify(draft) !== JSON.stringify(stored.extraction), [draft, stored.extraction]);
  const entries = useMemo(() => fieldEntries(draft), [draft]);
  const counts = useMemo(() => countFields(draft), [draft]);
  const active = hover ?? pinned;

  const update = (fn: (e: Extraction) => void) =>
    setDraft((prev) => {
      const next = structuredClone(prev);
      fn(next);
      return next;
    });

  const point = (id: string | null, span: Span | null, pin = false) => {
    if (pin) setPinned(id === null ? null : { id, span });
    else setHover(id === null ? null : { id, span });
  };

  const pickOffset = (offset: number) => {
    const hit = fieldAt(entries, offset);
    if (!hit) return;
    setPinned({ id: hit.id, span: hit.span });
    document.querySelector(`[data-field-key="${hit.id}"]`)?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  };

  const rowProps = (id: string, meta: FieldMeta | null | undefined) => ({
    id,
    meta: meta ?? null,
    active: active?.id === id,
    onPoint: point,
    readOnly,
  });

  // --- commit helpers: each returns an error message or null ---------------------------------------

  const requiredText = (value: string, set: (e: Extraction, v: string) => void): string | null => {
    const v = value.trim();
    if (v === '') return t('validation.required');
    update((e) => set(e, v));
    return null;
  };

  const dateValue = (value: string): { ok: true; iso: string | null } | { ok: false } => {
    const v = value.trim();
    if (v === '') return { ok: true, iso: null };
    const iso = tryParseDateText(v);
    return iso === null ? { ok: false } : { ok: true, iso };
  };

  const roleOptions = (['plaintiff', 'defendant', 'third_party'] as const).map((r) => ({ value: r, label: t(`enums.role.${r}`) }));
  const kindOptions = (['natural', 'legal', 'organization'] as const).map((k) => ({ value: k, label: t(`enums.partyKind.${k}`) }));
  const genderOptions = (['male', 'female'] as const).map((g) => ({ value: g, label: t(`enums.gender.${g}`) }));
  const agentKindOptions = (['lawyer', 'legal_worker', 'relative', 'citizen', 'employee', 'other'] as const).map((k) => ({
    value: k,
    label: t(`enums.agentKind.${k}`),
  }));

  const optionalTextRow = (id: string, label: string, f: Extraction['court'], set: (e: Extraction, v: Extraction['court']) => void, multiline = false) => (
    <FieldRow
      key={id}
      {...rowProps(id, f)}
      label={label}
      raw={f?.value ?? null}
      editor={{ kind: 'text', multiline }}
      onCommit={(value) => {
        const v = value.trim();
        update((e) => set(e, v === '' ? null : corrected(f, v)));
        return null;
      }}
    />
  );

  const partyCard = (p: ExtractedParty, i: number) => {
    const natural = p.kind.value === 'natural';
    const fields = natural ? NATURAL_FIELDS : LEGAL_FIELDS;
    const setText = (k: PartyTextField) => (e: Extraction, v: Extraction['court']) => {
      const target = e.parties[i];
      if (target) target[k] = v;
    };
    return (
      <Card
        key={`party-${i}`}
        size="small"
        style={{ marginBottom: 8 }}
        data-testid={`review-party-${i}`}
        title={
          <span onMouseEnter={() => setBlock(p.span)} onMouseLeave={() => setBlock(null)} style={{ display: 'inline-flex', gap: 8, alignItems: 'center' }}>
            <Tag color={p.role.value === 'plaintiff' ? 'blue' : p.role.value === 'defendant' ? 'red' : 'default'}>{t(`enums.role.${p.role.value}`)}</Tag>
            <span>{p.name.value}</span>
            <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
              {t(`enums.partyKind.${p.kind.value}`)}
            </Typography.Text>
          </span>
        }
        extra={
          !readOnly && (
            <Popconfirm
              title={t('intake.review.removePartyConfirm')}
              okText={t('common.remove')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: true, ...testId(`review-party-${i}-remove-confirm`) }}
              onConfirm={() => update((e) => void e.parties.splice(i, 1))}
            >
              <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('intake.review.removeParty')} />
            </Popconfirm>
          )
        }
      >
        <FieldRow
          {...rowProps(`party-${i}-role`, p.role)}
          label={t('caseForm.role')}
          raw={p.role.value}
          display={t(`enums.role.${p.role.value}`)}
          editor={{ kind: 'select', options: roleOptions }}
          onCommit={(v) => {
            update((e) => {
              const target = e.parties[i];
              if (target) target.role = corrected(target.role, v as PartyRole);
            });
            return null;
          }}
        />
        <FieldRow
          {...rowProps(`party-${i}-kind`, p.kind)}
          label={t('caseForm.kind')}
          raw={p.kind.value}
          display={t(`enums.partyKind.${p.kind.value}`)}
          editor={{ kind: 'select', options: kindOptions }}
          onCommit={(v) => {
            update((e) => {
              const target = e.parties[i];
              if (target) target.kind = corrected(target.kind, v as PartyKind);
            });
            return null;
          }}
        />
        <FieldRow
          {...rowProps(`party-${i}-name`, p.name)}
          label={t('caseForm.name')}
          raw={p.name.value}
          editor={{ kind: 'text' }}
          onCommit={(v) =>
            requiredText(v, (e, s) => {
              const target = e.parties[i];
              if (target) target.name = corrected(target.name, s);
            })
          }
        />
        {fields.map((k) => {
          if (k === 'gender') {
            return (
              <FieldRow
                key={k}
                {...rowProps(`party-${i}-gender`, p.gender)}
                label={t('caseForm.gender')}
                raw={p.gender?.value ?? null}
                display={p.gender ? t(`enums.gender.${p.gender.value}`) : undefined}
                editor={{ kind: 'select', options: genderOptions }}
                onCommit={(v) => {
                  update((e) => {
                    const target = e.parties[i];
                    if (target) target.gender = corrected(target.gender, v as 'male' | 'female');
                  });
                  return null;
                }}
              />
            );
          }
          if (k === 'birthDate') {
            return (
              <FieldRow
                key={k}
                {...rowProps(`party-${i}-birthDate`, p.birthDate)}
                label={t('caseForm.birthDate')}
                raw={p.birthDate?.value ?? null}
                editor={{ kind: 'custom', placeholder: 'YYYY-MM-DD' }}
                onCommit={(v) => {
                  const d = dateValue(v);
                  if (!d.ok) return t('intake.review.badDate');
                  update((e) => {
                    const target = e.parties[i];
                    if (target) target.birthDate = d.iso === null ? null : corrected(target.birthDate, d.iso);
                  });
                  return null;
                }}
              />
            );
          }
          return optionalTextRow(`party-${i}-${k}`, t(`intake.review.partyFields.${k}`), p[k], setText(k));
        })}
        {p.agents.map((a, j) => (
          <div key={`agent-${j}`} style={{ marginTop: 6, paddingTop: 6, borderTop: '1px dashed #f0f0f0' }} data-testid={`review-agent-${i}-${j}`}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('intake.agents')} {j + 1}
            </Typography.Text>
            <FieldRow
              {...rowProps(`party-${i}-agent-${j}-name`, a.name)}
              label={t('caseForm.agentName')}
              raw={a.name.value}
              editor={{ kind: 'text' }}
              onCommit={(v) =>
                requiredText(v, (e, s) => {
                  const ag = e.parties[i]?.agents[j];
                  if (ag) ag.name = corrected(ag.name, s);
                })
              }
            />
            <FieldRow
              {...rowProps(`party-${i}-agent-${j}-kind`, a.kind)}
              label={t('caseForm.agentKind')}
              raw={a.kind.value}
              display={t(`enums.agentKind.${a.kind.value}`)}
              editor={{ kind: 'select', options: agentKindOptions }}
              onCommit={(v) => {
                update((e) => {
                  const ag = e.parties[i]?.agents[j];
                  if (ag) ag.kind = corrected(ag.kind, v as typeof ag.kind.value);
                });
                return null;
              }}
            />
            {optionalTextRow(`party-${i}-agent-${j}-firm`, t('caseForm.firm'), a.firm, (e, v) => {
              const ag = e.parties[i]?.agents[j];
              if (ag) ag.firm = v;
            })}
            {optionalTextRow(`party-${i}-agent-${j}-phone`, t('caseForm.phone'), a.phone, (e, v) => {
              const ag = e.parties[i]?.agents[j];
              if (ag) ag.phone = v;
            })}
          </div>
        ))}
      </Card>
    );
  };

  const claimTotal = draft.claims.reduce((s, c) => s + (c.amount?.value ?? 0), 0);
  const hasAmounts = draft.claims.some((c) => c.amount !== null);

  const amountRow = (i: number, amount: ExtractedAmount | null) => (
    <FieldRow
      {...rowProps(`claim-${i}-amount`, amount)}
      label={t('intake.review.amount')}
      raw={amount === null ? null : amount.raw}
      display={
        amount === null ? undefined : (
          <span>
            <AmountText fen={amount.value} />
            {amount.raw && (
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                {t('intake.review.asWritten', { raw: amount.raw })}
              </Typography.Text>
            )}
          </span>
        )
      }
      editor={{ kind: 'custom', placeholder: t('intake.review.amountPlaceholder') }}
      onCommit={(v) => {
        if (v.trim() === '') {
          update((e) => {
            const c = e.claims[i];
            if (c) c.amount = null;
          });
          return null;
        }
        const next = correctedAmount(amount, v);
        if (next === null) return t('intake.review.badAmount');
        update((e) => {
          const c = e.claims[i];
          if (c) c.amount = next;
        });
        return null;
      }}
    />
  );

  const section = (title: ReactNode, body: ReactNode, testid: string, extra?: ReactNode) => (
    <div style={{ marginBottom: 16 }} data-testid={testid}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 6 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {extra}
      </div>
      {body}
    </div>
  );

  const onSave = async (): Promise<boolean> => {
    setError(null);
    try {
      await save.mutateAsync({ caseId: detail.id, version: stored.version, extraction: draft });
      void message.success(t('intake.review.saved'));
      return true;
    } catch (err) {
      setError(err);
      return false;
    }
  };

  const onApply = async () => {
    setError(null);
    try {
      if (dirty) await save.mutateAsync({ caseId: detail.id, version: stored.version, extraction: draft });
      await apply.mutateAsync({ caseId: detail.id, version: detail.version });
      void message.success(t('intake.review.applied'));
      onApplied();
    } catch (err) {
      setError(err);
    }
  };

  const replaces = detail.parties.length > 0 || detail.claims.length > 0;
  const applyButton = (
    <Button type="primary" icon={<ThunderboltOutlined />} loading={apply.isPending} disabled={readOnly} data-testid="review-apply" onClick={replaces ? undefined : () => void onApply()}>
      {t('intake.review.apply')}
    </Button>
  );

  return (
    <div data-testid="extraction-review">
      <div
        style={{
          display: 'flex',
          justifyContent: 'space-between',
          alignItems: 'center',
          gap: 12,
          flexWrap: 'wrap',
          marginBottom: 12,
        }}
      >
        <Space wrap size={8}>
          <Typography.Text>{t('intake.review.summary', { parties: draft.parties.length, claims: draft.claims.length })}</Typography.Text>
          {counts.unverified > 0 ? (
            <Tag color="warning" data-testid="review-unverified-count">
              {t('intake.review.unverifiedCount', { count: counts.unverified })}
            </Tag>
          ) : (
            <Tag color="success">{t('intake.review.allVerified')}</Tag>
          )}
          {counts.corrected > 0 && <Tag color="green">{t('intake.review.correctedCount', { count: counts.corrected })}</Tag>}
          <Typography.Text type="secondary">{draft.model.ran ? t('intake.review.modelRan') : t('intake.review.rulesOnly')}</Typography.Text>
          {dirty && (
            <Tag color="processing" data-testid="review-dirty">
              {t('intake.review.unsaved')}
            </Tag>
          )}
        </Space>
        <Space>
          <Button icon={<SaveOutlined />} disabled={!dirty || readOnly} loading={save.isPending} onClick={() => void onSave()} data-testid="review-save">
            {t('intake.review.save')}
          </Button>
          {replaces ? (
            <Popconfirm
              title={t('intake.review.applyReplaces')}
              okText={t('intake.review.apply')}
              cancelText={t('common.cancel')}
              okButtonProps={testId('review-apply-confirm')}
              onConfirm={() => onApply()}
            >
              {applyButton}
            </Popconfirm>
          ) : (
            applyButton
          )}
        </Space>
      </div>
      {error !== null && (
        <div style={{ marginBottom: 12 }}>
          <ErrorAlert error={error} />
        </div>
      )}
      {textMismatch && (
        <div style={{ marginBottom: 12 }}>
          <Alert type="warning" showIcon title={t('intake.review.textMismatch')} />
        </div>
      )}
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 6 }}>
            {t('intake.review.sourceHint')}
          </Typography.Text>
          <SourceText text={text} marks={entries} active={active?.span ?? null} block={block} onPick={pickOffset} height={PANE_HEIGHT} />
        </Col>
        <Col xs={24} lg={12}>
          <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 6 }}>
            {t('intake.review.fieldsHint')}
          </Typography.Text>
          <div style={{ height: PANE_HEIGHT, overflow: 'auto', paddingRight: 4 }} data-testid="review-fields">
            {draft.notes.length > 0 &&
              section(
                t('intake.review.notes'),
                <Alert
                  type="warning"
                  showIcon
                  title={
                    <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                      {draft.notes.map((n, i) => (
                        <li key={i} onMouseEnter={() => n.span && setHover({ id: `note-${i}`, span: n.span })} onMouseLeave={() => setHover(null)}>
                          {pick(n, lang)}
                        </li>
                      ))}
                    </ul>
                  }
                />,
                'review-notes',
              )}
            {section(
              t('intake.review.document'),
              <>
                {optionalTextRow('title', t('intake.review.docTitle'), draft.title, (e, v) => void (e.title = v))}
                {optionalTextRow('court', t('intake.review.court'), draft.court, (e, v) => void (e.court = v))}
                {optionalTextRow('signedBy', t('intake.review.signedBy'), draft.signedBy, (e, v) => void (e.signedBy = v))}
                <FieldRow
                  {...rowProps('date', draft.date)}
                  label={t('intake.review.date')}
                  raw={draft.date?.value ?? null}
                  editor={{ kind: 'custom', placeholder: 'YYYY-MM-DD' }}
                  onCommit={(v) => {
                    const d = dateValue(v);
                    if (!d.ok) return t('intake.review.badDate');
                    update((e) => void (e.date = d.iso === null ? null : corrected(e.date, d.iso)));
                    return null;
                  }}
                />
              </>,
              'review-document',
            )}
            {section(
              t('intake.parties'),
              draft.parties.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('intake.review.noParties')} /> : draft.parties.map(partyCard),
              'review-parties',
            )}
            {section(
              t('intake.claims'),
              <>
                {draft.claims.map((c, i) => (
                  <Card
                    key={`claim-${i}`}
                    size="small"
                    style={{ marginBottom: 8 }}
                    data-testid={`review-claim-${i}`}
                    title={t('intake.review.claimN', { n: i + 1 })}
                    extra={
                      !readOnly && (
                        <Button
                          size="small"
                          type="text"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={t('intake.review.removeClaim')}
                          onClick={() => update((e) => void e.claims.splice(i, 1))}
                          data-testid={`review-claim-${i}-remove`}
                        />
                      )
                    }
                  >
                    <FieldRow
                      {...rowProps(`claim-${i}-text`, c.text)}
                      label={t('intake.review.claimText')}
                      raw={c.text.value}
                      editor={{ kind: 'text', multiline: true }}
                      onCommit={(v) =>
                        requiredText(v, (e, s) => {
                          const target = e.claims[i];
                          if (target) target.text = corrected(target.text, s);
                        })
                      }
                    />
                    {amountRow(i, c.amount)}
                  </Card>
                ))}
                {hasAmounts && (
                  <div style={{ padding: '4px 6px' }} data-testid="review-claim-total">
                    <Typography.Text type="secondary" style={{ marginRight: 8 }}>
                      {t('intake.claimTotal')}
                    </Typography.Text>
                    <AmountText fen={claimTotal} />
                  </div>
                )}
                {!readOnly && (
                  <Button
                    size="small"
                    type="dashed"
                    icon={<PlusOutlined />}
                    onClick={() =>
                      update((e) =>
                        void e.claims.push({
                          seq: e.claims.length + 1,
                          text: { value: t('intake.review.newClaim'), span: null, source: 'clerk', verified: true },
                          amount: null,
                          amounts: [],
                        }),
                      )
                    }
                    data-testid="review-add-claim"
                  >
                    {t('intake.review.addClaim')}
                  </Button>
                )}
              </>,
              'review-claims',
            )}
            {draft.interest.length > 0 &&
              section(
                t('intake.review.interest'),
                draft.interest.map((x, i) => (
                  <FieldRow
                    key={`interest-${i}`}
                    {...rowProps(`interest-${i}`, x)}
                    label={t(`intake.review.interestKind.${x.kind}`)}
                    raw={x.value}
                    editor={{ kind: 'text' }}
                    onCommit={(v) =>
                      requiredText(v, (e, s) => {
                        const target = e.interest[i];
                        if (target) e.interest[i] = { ...corrected(target, s), kind: target.kind };
                      })
                    }
                  />
                )),
                'review-interest',
              )}
            {section(
              t('intake.facts'),
              optionalTextRow('facts', t('intake.review.factsLabel'), draft.factsAndReasons, (e, v) => void (e.factsAndReasons = v), true),
              'review-facts',
            )}
            {section(
              t('intake.review.evidence'),
              draft.evidence.length === 0 ? (
                <Typography.Text type="secondary">{t('intake.review.noEvidence')}</Typography.Text>
              ) : (
                draft.evidence.map((x, i) => (
                  <div key={`evidence-${i}`} style={{ borderBottom: '1px dashed #f0f0f0', paddingBottom: 2, marginBottom: 2 }}>
                    <FieldRow
                      {...rowProps(`evidence-${i}-name`, x.name)}
                      label={t('intake.review.evidenceN', { n: i + 1 })}
                      raw={x.name.value}
                      editor={{ kind: 'text' }}
                      onCommit={(v) =>
                        requiredText(v, (e, s) => {
                          const target = e.evidence[i];
                          if (target) target.name = corrected(target.name, s);
                        })
                      }
                    />
                    {x.source !== null &&
                      optionalTextRow(`evidence-${i}-source`, t('intake.review.evidenceSource'), x.source, (e, v) => {
                        const target = e.evidence[i];
                        if (target) target.source = v;
                      })}
                  </div>
                ))
              ),
              'review-evidence',
            )}
          </div>
        </Col>
      </Row>
    </div>
  );
}

export interface ExtractionReviewProps {
  readonly detail: CaseDetail;
  readonly onApplied: () => void;
  readonly onImport: () => void;
}

/** Left: the complaint with its sources highlighted. Right: what was extracted, correctable. */
export function ExtractionReview({ detail, onApplied, onImport }: ExtractionReviewProps) {
  const { t } = useTranslation();
  const stored = useExtraction(detail.id);
  const documentId = stored.data?.documentId ?? null;
  const text = useDocumentText(documentId);

  if (stored.isPending) return <Skeleton active />;
  if (stored.isError) return <ErrorAlert error={stored.error} onRetry={() => void stored.refetch()} />;
  if (stored.data === null) {
    return (
      <Empty description={t('intake.review.none')} data-testid="review-empty">
        <Button type="primary" onClick={onImport}>
          {t('intake.steps.import')}
        </Button>
      </Empty>
    );
  }
  if (documentId !== null && text.isPending) return <Skeleton active />;
  if (text.isError) return <ErrorAlert error={text.error} onRetry={() => void text.refetch()} />;
  const body = text.data?.text ?? '';
  return (
    <ReviewEditor
      key={stored.data.version}
      detail={detail}
      stored={stored.data}
      text={body}
      textMismatch={body.length !== stored.data.extraction.textLength}
      onApplied={onApplied}
    />
  );
}

