import { CheckCircleOutlined, CopyOutlined, FileTextOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Card, Col, Empty, InputNumber, Modal, Row, Skeleton, Space, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../../shared/contract/cases';
import { ErrorAlert, errorText } from '../../ui/errors';
import { caseInputOf, formatArticle, pick, useLang } from './format';
import { useCauseSuggestions, useCompleteness, useDefectNotice, useSetCause } from './hooks';

/** 案由: suggestions from the catalogue with the keywords that matched; the clerk picks. */
export function CausePicker({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = AntApp.useApp();
  const suggestions = useCauseSuggestions(detail.id);
  const setCause = useSetCause();
  const readOnly = detail.status === 'archived';

  const choose = async (name: string) => {
    try {
      await setCause.mutateAsync({ id: detail.id, version: detail.version, case: { ...caseInputOf(detail), causeOfAction: name } });
      void message.success(t('intake.cause.chosen', { name }));
    } catch (err) {
      void message.error(errorText(t, err));
    }
  };

  return (
    <Card
      size="small"
      title={t('intake.cause.title')}
      data-testid="cause-picker"
      extra={
        detail.causeOfAction ? (
          <Space size={4}>
            <Typography.Text type="secondary">{t('intake.cause.current')}</Typography.Text>
            <Tag color="blue" data-testid="cause-current">
              {detail.causeOfAction}
            </Tag>
          </Space>
        ) : (
          <Tag color="warning">{t('intake.cause.notChosen')}</Tag>
        )
      }
    >
      {suggestions.isPending && <Skeleton active />}
      {suggestions.isError && <ErrorAlert error={suggestions.error} onRetry={() => void suggestions.refetch()} />}
      {suggestions.data?.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('intake.cause.none')} />}
      {suggestions.data?.map((s, i) => {
        const chosen = detail.causeOfAction === s.name;
        return (
          <div
            key={s.id}
            data-testid={`cause-${i}`}
            style={{
              display: 'grid',
              gridTemplateColumns: 'minmax(0, 1fr) auto',
              gap: 8,
              padding: '8px 0',
              borderBottom: '1px solid #f5f5f5',
            }}
          >
            <div>
              <Space size={6} wrap>
                <Typography.Text strong>{lang === 'en' ? `${s.name} (${s.nameEn})` : s.name}</Typography.Text>
                {i === 0 && <Tag color="gold">{t('intake.cause.best')}</Tag>}
                {s.path.length > 0 && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {s.path.join(' › ')}
                  </Typography.Text>
                )}
              </Space>
              <div style={{ marginTop: 4 }}>
                <Typography.Text type="secondary" style={{ fontSize: 12, marginRight: 4 }}>
                  {t('intake.cause.because')}
                </Typography.Text>
                {s.reasons.map((r) => (
                  <Tooltip key={`${r.keyword}-${r.start}`} title={t('intake.cause.reasonTip', { count: r.count, weight: r.weight })}>
                    <Tag style={{ marginBottom: 2 }}>
                      {r.keyword}
                      {r.count > 1 ? ` ×${r.count}` : ''}
                    </Tag>
                  </Tooltip>
                ))}
              </div>
            </div>
            <div>
              {chosen ? (
                <Tag icon={<CheckCircleOutlined />} color="success">
                  {t('intake.cause.selected')}
                </Tag>
              ) : (
                <Button size="small" disabled={readOnly} loading={setCause.isPending} onClick={() => void choose(s.name)} data-testid={`cause-${i}-choose`}>
                  {t('intake.cause.choose')}
                </Button>
              )}
            </div>
          </div>
        );
      })}
    </Card>
  );
}

/** CPL art. 124 completeness, and the one-time written notice of every defect (登记立案规定 art. 7). */
export function CompletenessPanel({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = AntApp.useApp();
  const check = useCompleteness(detail.id);
  const notice = useDefectNotice();
  const [cureDays, setCureDays] = useState(7);
  const [open, setOpen] = useState(false);

  const generate = async () => {
    try {
      await notice.mutateAsync({ caseId: detail.id, cureDays, includeRecommended: false });
      setOpen(true);
    } catch (err) {
      void message.error(errorText(t, err));
    }
  };

  const copy = async () => {
    const text = notice.data?.text ?? '';
    try {
      await navigator.clipboard.writeText(text);
      void message.success(t('intake.check.copied'));
    } catch {
      void message.error(t('intake.check.copyFailed'));
    }
  };

  const data = check.data;
  const required = data?.items.filter((i) => i.severity === 'required') ?? [];
  const recommended = data?.items.filter((i) => i.severity === 'recommended') ?? [];

  return (
    <Card
      size="small"
      title={t('intake.check.title')}
      extra={<Typography.Text type="secondary">{t('intake.check.basis')}</Typography.Text>}
      data-testid="completeness"
    >
      {check.isPending && <Skeleton active />}
      {check.isError && <ErrorAlert error={check.error} onRetry={() => void check.refetch()} />}
      {data && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          {data.complete && required.length === 0 ? (
            <div data-testid="check-complete">
              <Alert type="success" showIcon title={t('intake.check.complete')} />
            </div>
          ) : (
            <Alert type="error" showIcon title={t('intake.check.missing', { count: data.requiredCount })} />
          )}
          {[...required, ...recommended].map((item) => (
            <div
              key={`${item.code}-${item.path}`}
              data-testid="check-item"
              style={{ display: 'grid', gridTemplateColumns: 'auto minmax(0, 1fr)', gap: 8, alignItems: 'baseline' }}
            >
              <Tag color={item.severity === 'required' ? 'error' : 'default'} style={{ marginInlineEnd: 0 }}>
                {item.severity === 'required' ? t('intake.check.required') : t('intake.check.recommended')}
              </Tag>
              <div>
                <div>{pick(item, lang)}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatArticle(item.article, lang)}
                </Typography.Text>
              </div>
            </div>
          ))}
          <Space wrap style={{ marginTop: 8 }}>
            <span>{t('intake.check.cureDays')}</span>
            <InputNumber min={1} max={90} value={cureDays} onChange={(v) => setCureDays(v ?? 7)} style={{ width: 80 }} />
            <Button
              icon={<FileTextOutlined />}
              onClick={() => void generate()}
              loading={notice.isPending}
              disabled={required.length === 0}
              data-testid="defect-notice"
            >
              {t('intake.check.notice')}
            </Button>
          </Space>
        </Space>
      )}
      <Modal
        open={open}
        onCancel={() => setOpen(false)}
        title={t('intake.check.noticeTitle')}
        width={720}
        destroyOnHidden
        footer={[
          <Button key="copy" type="primary" icon={<CopyOutlined />} onClick={() => void copy()} data-testid="defect-notice-copy">
            {t('intake.check.copy')}
          </Button>,
          <Button key="close" onClick={() => setOpen(false)}>
            {t('common.close')}
          </Button>,
        ]}
      >
        <pre
          data-testid="defect-notice-text"
          style={{
            whiteSpace: 'pre-wrap',
            fontFamily: '"Songti SC", "SimSun", "Noto Serif CJK SC", serif',
            fontSize: 15,
            lineHeight: 1.9,
            background: '#fafafa',
            padding: 16,
            borderRadius: 6,
            maxHeight: '60vh',
            overflow: 'auto',
          }}
        >
          {notice.data?.text}
        </pre>
      </Modal>
    </Card>
  );
}

export function CheckStep({ detail, onNext }: { detail: CaseDetail; onNext: () => void }) {
  const { t } = useTranslation();
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={12}>
        <CausePicker detail={detail} />
      </Col>
      <Col xs={24} xl={12}>
        <CompletenessPanel detail={detail} />
      </Col>
      <Col span={24} style={{ textAlign: 'right' }}>
        <Button type="primary" onClick={onNext} data-testid="check-next">
          {t('intake.check.next')}
        </Button>
      </Col>
    </Row>
  );
}
