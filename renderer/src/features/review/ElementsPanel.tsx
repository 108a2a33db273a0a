import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  CheckOutlined,
  CloseOutlined,
  DeleteOutlined,
  ExperimentOutlined,
  PlusOutlined,
  RollbackOutlined,
  SaveOutlined,
} from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Card, Col, Empty, Input, Popconfirm, Radio, Row, Select, Skeleton, Space, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DisputedPoint, ElementState, ElementStatus, ElementsAnalysis } from '../../../../shared/contract/review';
import { AppError } from '../../../../shared/contract/result';
import { NotesAlert } from '../../ui/NotesAlert';
import { ErrorAlert, errorCode, errorText } from '../../ui/errors';
import { formatDateTime } from '../../ui/format';
import { formatArticle, useLang } from '../intake/format';
import { reviewKeys, useElements, useReviewMutation } from './hooks';
import { SourceLink } from './reader';

export const STATUS_COLOR: Readonly<Record<ElementStatus, string>> = {
  admitted: 'green',
  disputed: 'red',
  unproven: 'gold',
};
const STATUS_BORDER: Readonly<Record<ElementStatus, string>> = {
  admitted: '#52c41a',
  disputed: '#f5222d',
  unproven: '#faad14',
};
const SIGNAL_COLOR = { claim: 'blue', admission: 'green', denial: 'red', evidence: 'purple' } as const;

const STATUSES: readonly ElementStatus[] = ['admitted', 'disputed', 'unproven'];

function ElementCard({ el, analysis, readOnly }: { el: ElementState; analysis: ElementsAnalysis; readOnly: boolean }) {
  const { t, i18n } = useTranslation();
  const { message } = AntApp.useApp();
  const update = useReviewMutation('review.elements.update');
  const name = i18n.language === 'en' && el.en ? el.en : el.zh;
  const lang = useLang();

  const save = async (status: ElementStatus | null, note: string) => {
    try {
      const r = await update.mutateAsync({ caseId: analysis.caseId, version: analysis.version, elementId: el.elementId, status, note });
      const now = r.elements.find((e) => e.elementId === el.elementId);
      if (now && status !== null) void message.success(t('review.elements.statusSaved', { name, status: t(`review.elements.status.${now.status}`) }));
    } catch (err) {
      void message.error(errorCode(err) === 'CONFLICT' ? t('review.elements.conflict') : errorText(t, err));
    }
  };

  return (
    <Card
      size="small"
      style={{ marginBottom: 10, borderInlineStart: `4px solid ${STATUS_BORDER[el.status]}` }}
      data-testid={`element-${el.elementId}`}
      data-status={el.status}
    >
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 12, alignItems: 'flex-start' }}>
        <Space wrap size={6} style={{ flex: 1, minWidth: 0 }}>
          <Typography.Text strong style={{ fontSize: 15 }}>
            {name}
          </Typography.Text>
          <Tooltip title={t(`review.elements.statusHint.${el.status}`)}>
            <Tag color={STATUS_COLOR[el.status]} data-testid="element-status">
              {t(`review.elements.status.${el.status}`)}
            </Tag>
          </Tooltip>
          {el.statusSource === 'judge' && (
            <Tag color="blue" data-testid="element-by-judge">
              {t('review.elements.byJudge')}
            </Tag>
          )}
          {el.statusSource === 'judge' && el.ruleStatus !== el.status && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('review.elements.ruleSaid', { status: t(`review.elements.status.${el.ruleStatus}`) })}
            </Typography.Text>
          )}
          {!el.mentioned && <Tag>{t('review.elements.notMentioned')}</Tag>}
        </Space>
        {!readOnly && (
          <Space size={6} style={{ flexShrink: 0 }}>
            <Radio.Group
              size="small"
              optionType="button"
              buttonStyle="solid"
              value={el.status}
              disabled={update.isPending}
              onChange={(e) => void save(e.target.value as ElementStatus, el.note)}
              options={STATUSES.map((s) => ({ value: s, label: <span data-testid={`element-set-${s}`}>{t(`review.elements.status.${s}`)}</span> }))}
            />
            {el.statusSource === 'judge' && (
              <Tooltip title={t('review.elements.backToRule')}>
                <Button size="small" icon={<RollbackOutlined />} onClick={() => void save(null, el.note)} aria-label={t('review.elements.backToRule')} data-testid="element-reset" />
              </Tooltip>
            )}
          </Space>
        )}
      </div>
      <Typography.Paragraph style={{ margin: '6px 0 4px' }} data-testid="element-reason">
        {el.reason}
      </Typography.Paragraph>
      {el.basis && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="element-basis">
          {t('review.elements.basis', { basis: formatArticle(el.basis, lang) })}
        </Typography.Text>
      )}
      {el.signals.length > 0 && (
        <div style={{ marginTop: 6 }} data-testid="element-signals">
          {el.signals.map((s, i) => (
            <div key={i} style={{ display: 'flex', gap: 6, alignItems: 'baseline', padding: '2px 0', borderTop: i ? '1px dashed #f0f0f0' : undefined }}>
              <Tag color={SIGNAL_COLOR[s.kind]} style={{ flexShrink: 0 }}>
                {t(`review.elements.kind.${s.kind}`)}
              </Tag>
              <span style={{ flex: 1, minWidth: 0, fontSize: 13 }}>{s.text}</span>
              {s.source && (
                <span style={{ flexShrink: 0, maxWidth: 180 }}>
                  <SourceLink source={s.source} testId="element-signal-source" />
                </span>
              )}
            </div>
          ))}
        </div>
      )}
      <div style={{ marginTop: 6 }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('review.elements.note')}：
        </Typography.Text>
        <Typography.Text
          style={{ fontSize: 13 }}
          type={el.note ? undefined : 'secondary'}
          editable={
            readOnly
              ? false
              : {
                  text: el.note,
                  maxLength: 2000,
                  tooltip: t('common.edit'),
                  onChange: (note) => {
                    if (note !== el.note) void save(el.statusSource === 'judge' ? el.status : null, note);
                  },
                }
          }
          data-testid="element-note"
        >
          {el.note || t('review.elements.notePlaceholder')}
        </Typography.Text>
      </div>
    </Card>
  );
}

interface DraftPoint {
  readonly key: string;
  readonly id?: string;
  readonly text: string;
  readonly elementIds: string[];
  readonly status: DisputedPoint['status'];
  readonly origin: DisputedPoint['origin'];
  readonly sources: DisputedPoint['sources'];
}

const draftOf = (points: readonly DisputedPoint[]): DraftPoint[] =>
  points.map((p) => ({ key: p.id, id: p.id, text: p.text, elementIds: [...p.elementIds], status: p.status, origin: p.origin, sources: p.sources }));

const POINT_COLOR = { proposed: 'default', confirmed: 'green', rejected: 'default' } as const;

function PointsCard({ analysis, readOnly }: { analysis: ElementsAnalysis; readOnly: boolean }) {
  const { t, i18n } = useTranslation();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const save = useReviewMutation('review.points.save');
  // null: nothing edited here, so the list follows the stored one (another window, a re-analysis).
  const [edited, setEdited] = useState<DraftPoint[] | null>(null);
  const [seq, setSeq] = useState(0);
  const draft = edited ?? draftOf(analysis.points);
  const dirty = edited !== null;
  const change = (next: DraftPoint[]) => setEdited(next);
  const patch = (i: number, p: Partial<DraftPoint>) => change(draft.map((d, j) => (j === i ? { ...d, ...p } : d)));
  const move = (i: number, delta: number) => {
    const j = i + delta;
    if (j < 0 || j >= draft.length) return;
    const next = [...draft];
    [next[i], next[j]] = [next[j]!, next[i]!];
    change(next);
  };
  const empty = draft.some((d) => !d.text.trim());

  const submit = async () => {
    try {
      const r = await save.mutateAsync({
        caseId: analysis.caseId,
        version: analysis.version,
        points: draft.map((d) => ({ ...(d.id ? { id: d.id } : {}), text: d.text.trim(), elementIds: d.elementIds, status: d.status })),
      });
      qc.setQueryData(reviewKeys.elements(analysis.caseId), r);
      setEdited(null);
      void message.success(t('review.elements.pointsSaved'));
    } catch (err) {
      if (errorCode(err) === 'CONFLICT') void message.error(t('review.elements.conflict'));
      else void message.error(err instanceof AppError ? errorText(t, err) : String(err));
    }
  };

  const elementName = (id: string) => {
    const el = analysis.elements.find((e) => e.elementId === id);
    return el ? (i18n.language === 'en' && el.en ? el.en : el.zh) : id;
  };

  return (
    <Card
      size="small"
      title={t('review.elements.points')}
      data-testid="points"
      extra={
        !readOnly && (
          <Space>
            {dirty && <Tag color="orange" data-testid="points-dirty">{t('review.elements.unsaved')}</Tag>}
            {dirty && (
              <Button
                size="small"
                onClick={() => setEdited(null)}
                data-testid="points-discard"
              >
                {t('review.elements.discard')}
              </Button>
            )}
            <Button size="small" type="primary" icon={<SaveOutlined />} disabled={!dirty || empty} loading={save.isPending} onClick={() => void submit()} data-testid="points-save">
              {t('review.elements.savePoints')}
            </Button>
          </Space>
        )
      }
    >
      {draft.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('review.elements.pointsEmpty')} />}
      {draft.map((d, i) => (
        <div
          key={d.key}
          data-testid={`point-${i}`}
          data-status={d.status}
          data-elements={d.elementIds.join(' ')}
          style={{ padding: '10px 0', borderTop: i ? '1px solid #f0f0f0' : undefined, opacity: d.status === 'rejected' ? 0.65 : 1 }}
        >
          <div style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
            <Typography.Text strong style={{ minWidth: 20, paddingTop: readOnly ? 0 : 5 }}>
              {i + 1}.
            </Typography.Text>
            <div style={{ flex: 1, minWidth: 0 }}>
              {readOnly ? (
                <Typography.Text delete={d.status === 'rejected'}>{d.text}</Typography.Text>
              ) : (
                <Input.TextArea
                  value={d.text}
                  autoSize={{ minRows: 1, maxRows: 5 }}
                  maxLength={1000}
                  status={d.text.trim() ? undefined : 'error'}
                  placeholder={t('review.elements.newPoint')}
                  onChange={(e) => patch(i, { text: e.target.value })}
                  style={{ textDecoration: d.status === 'rejected' ? 'line-through' : undefined }}
                  data-testid="point-text"
                />
              )}
              <div style={{ display: 'flex', flexWrap: 'wrap', gap: '4px 8px', alignItems: 'center', marginTop: 6 }}>
                <Tag color={POINT_COLOR[d.status]} style={{ marginInlineEnd: 0 }} data-testid="point-status">
                  {t(`review.elements.pointStatus.${d.status}`)}
                </Tag>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t(`review.elements.pointOrigin.${d.origin}`)}
                </Typography.Text>
                {d.sources.slice(0, 3).map((s, k) => (
                  <SourceLink key={k} source={s} testId="point-source" />
                ))}
              </div>
              {readOnly ? (
                <div style={{ marginTop: 4 }}>
                  {d.elementIds.map((id) => (
                    <Tag key={id}>{elementName(id)}</Tag>
                  ))}
                </div>
              ) : (
                <Select
                  mode="multiple"
                  size="small"
                  value={d.elementIds}
                  onChange={(v: string[]) => patch(i, { elementIds: v })}
                  placeholder={t('review.elements.relatedElements')}
                  style={{ width: '100%', marginTop: 6 }}
                  options={analysis.elements.map((e) => ({ value: e.elementId, label: elementName(e.elementId) }))}
                  data-testid="point-elements"
                />
              )}
              {!readOnly && (
                <div style={{ display: 'flex', flexWrap: 'wrap', gap: 4, marginTop: 6, justifyContent: 'flex-end' }}>
                  {d.status !== 'confirmed' ? (
                    <Button size="small" type="primary" ghost icon={<CheckOutlined />} onClick={() => patch(i, { status: 'confirmed' })} data-testid="point-confirm">
                      {t('review.elements.confirm')}
                    </Button>
                  ) : (
                    <Button size="small" icon={<RollbackOutlined />} onClick={() => patch(i, { status: 'proposed' })} data-testid="point-unconfirm">
                      {t('review.elements.restore')}
                    </Button>
                  )}
                  {d.status !== 'rejected' ? (
                    <Button size="small" icon={<CloseOutlined />} onClick={() => patch(i, { status: 'rejected' })} data-testid="point-reject">
                      {t('review.elements.reject')}
                    </Button>
                  ) : (
                    <Button size="small" icon={<RollbackOutlined />} onClick={() => patch(i, { status: 'proposed' })} data-testid="point-unreject">
                      {t('review.elements.restore')}
                    </Button>
                  )}
                  <Tooltip title={t('review.elements.up')}>
                    <Button size="small" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, -1)} aria-label={t('review.elements.up')} data-testid="point-up" />
                  </Tooltip>
                  <Tooltip title={t('review.elements.down')}>
                    <Button size="small" icon={<ArrowDownOutlined />} disabled={i === draft.length - 1} onClick={() => move(i, 1)} aria-label={t('review.elements.down')} data-testid="point-down" />
                  </Tooltip>
                  <Tooltip title={t('common.remove')}>
                    <Button size="small" danger icon={<DeleteOutlined />} onClick={() => change(draft.filter((_, j) => j !== i))} aria-label={t('common.remove')} data-testid="point-delete" />
                  </Tooltip>
                </div>
              )}
            </div>
          </div>
        </div>
      ))}
      {!readOnly && (
        <Button
          type="dashed"
          block
          icon={<PlusOutlined />}
          style={{ marginTop: 8 }}
          onClick={() => {
            setSeq((n) => n + 1);
            change([...draft, { key: `new-${seq}`, text: '', elementIds: [], status: 'proposed', origin: 'judge', sources: [] }]);
          }}
          data-testid="point-add"
        >
          {t('review.elements.addPoint')}
        </Button>
      )}
    </Card>
  );
}

export function ElementsPanel({ caseId, readOnly }: { caseId: string; readOnly: boolean }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const query = useElements(caseId);
  const analyze = useReviewMutation('review.elements.analyze');

  const run = async (reset: boolean) => {
    try {
      const r = await analyze.mutateAsync({ caseId, reset });
      qc.setQueryData(reviewKeys.elements(caseId), r);
      void message.success(t('review.elements.analyzed'));
    } catch (err) {
      void message.error(errorText(t, err));
    }
  };

  if (query.isPending) return <Skeleton active />;
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  const a = query.data;

  const actions = !readOnly && (
    <Space wrap>
      <Button type="primary" icon={<ExperimentOutlined />} loading={analyze.isPending} onClick={() => void run(false)} data-testid="elements-analyze">
        {a ? t('review.elements.reanalyze') : t('review.elements.analyze')}
      </Button>
      {a && (
        <Popconfirm title={t('review.elements.resetConfirm')} okText={t('common.ok')} cancelText={t('common.cancel')} onConfirm={() => run(true)}>
          <Button data-testid="elements-reset">{t('review.elements.reset')}</Button>
        </Popconfirm>
      )}
    </Space>
  );

  if (!a) {
    return (
      <div data-testid="elements">
        <Empty description={<span style={{ display: 'inline-block', maxWidth: 560 }}>{t('review.elements.none')}</span>}>{actions}</Empty>
      </div>
    );
  }

  const tally = (s: ElementStatus) => a.elements.filter((e) => e.status === s).length;

  return (
    <div data-testid="elements">
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 12, flexWrap: 'wrap', marginBottom: 12 }}>
        <Space wrap size={8}>
          <Typography.Text strong style={{ fontSize: 15 }} data-testid="elements-cause">
            {a.causeName ? t('review.elements.cause', { name: a.causeName }) : t('review.elements.noCause')}
          </Typography.Text>
          {STATUSES.map((s) => (
            <Tag key={s} color={STATUS_COLOR[s]}>
              {t(`review.elements.status.${s}`)} {tally(s)}
            </Tag>
          ))}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('review.elements.updatedAt', { at: formatDateTime(a.updatedAt), by: a.updatedBy })}
          </Typography.Text>
        </Space>
        {actions}
      </div>
      <NotesAlert title={t('review.elements.notes')} notes={a.notes} testId="elements-notes" />
      <Row gutter={16}>
        <Col xs={24} xl={14}>
          {a.elements.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('review.elements.noElements')} />
          ) : (
            a.elements.map((el) => <ElementCard key={el.elementId} el={el} analysis={a} readOnly={readOnly} />)
          )}
        </Col>
        <Col xs={24} xl={10}>
          <div style={{ position: 'sticky', top: 16 }}>
            <PointsCard analysis={a} readOnly={readOnly} />
          </div>
        </Col>
      </Row>
    </div>
  );
}
