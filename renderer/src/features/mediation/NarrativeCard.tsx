import { CheckCircleTwoTone, WarningTwoTone } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Card, Space, Spin, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MEDIATION_OP_KINDS, type Assessment } from '../../../../shared/contract/mediation';
import { errorText } from '../../ui/errors';
import { formatDateTime } from '../../ui/format';
import { useOps } from '../models/hooks';
import { mediationKeys, useNarrative, useStartNarrative } from './hooks';

const KINDS = [MEDIATION_OP_KINDS.narrative];

/** The optional model-written narrative; every sentence shows what it cites and whether it checked out. */
export function NarrativeCard({ assessment }: { assessment: Assessment }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const stored = useNarrative(assessment.caseId);
  const start = useStartNarrative();
  const [opId, setOpId] = useState<string | null>(null);
  const op = useOps(KINDS, (done) => {
    if (done.status === 'ok') void qc.invalidateQueries({ queryKey: mediationKeys.narrative(assessment.caseId) });
  })(opId);
  const running = opId !== null && !op?.done;
  const failed = op?.done && op.done.status === 'error' ? op.done.error?.message ?? '' : null;
  const n = stored.data ?? null;

  if (!assessment.narrativeAvailable && !n) {
    return (
      <Card size="small" title={t('mediation.narrative.title')} data-testid="mediation-narrative">
        <Typography.Text type="secondary">{t('mediation.narrative.unavailable')}</Typography.Text>
      </Card>
    );
  }

  const run = async () => {
    try {
      const r = await start.mutateAsync(assessment.caseId);
      setOpId(r.opId);
    } catch (err) {
      void message.error(errorText(t, err));
    }
  };

  return (
    <Card
      size="small"
      title={t('mediation.narrative.title')}
      data-testid="mediation-narrative"
      extra={
        assessment.narrativeAvailable && (
          <Button size="small" onClick={() => void run()} loading={running || start.isPending} data-testid="mediation-narrative-run">
            {n ? t('mediation.narrative.regenerate') : t('mediation.narrative.generate')}
          </Button>
        )
      }
    >
      {running && (
        <Space>
          <Spin size="small" /> {t('mediation.narrative.running')}
        </Space>
      )}
      {failed !== null && <Alert type="error" showIcon title={t('mediation.narrative.failed', { msg: failed })} />}
      {n && !running && (
        <div>
          {n.sentences.map((s, i) => (
            <div key={i} style={{ marginBottom: 6 }} data-testid="narrative-sentence" data-verified={s.verified}>
              {s.verified ? (
                <Tooltip title={t('mediation.narrative.verified')}>
                  <CheckCircleTwoTone twoToneColor="#52c41a" />
                </Tooltip>
              ) : (
                <Tooltip title={t('mediation.narrative.unverifiedHint')}>
                  <WarningTwoTone twoToneColor="#faad14" />
                </Tooltip>
              )}{' '}
              <span style={s.verified ? undefined : { background: '#fffbe6' }}>{s.text}</span>{' '}
              {s.citation && (
                <Tooltip title={`“${s.citation.quote}”`}>
                  <Tag style={{ marginLeft: 4 }}>{t('mediation.narrative.cites', { label: s.citation.label })}</Tag>
                </Tooltip>
              )}
              {!s.verified && <Tag color="warning">{t('mediation.narrative.unverified')}</Tag>}
            </div>
          ))}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {n.note} · {t('mediation.narrative.model', { model: n.model })} · {formatDateTime(n.createdAt)}
          </Typography.Text>
        </div>
      )}
    </Card>
  );
}
