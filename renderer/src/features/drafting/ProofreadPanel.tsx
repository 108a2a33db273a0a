import { CheckOutlined, FileSearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ProofreadRule, type Finding } from '../../../../shared/contract/drafting';
import { ErrorAlert } from '../../ui/errors';

export interface FindingItem {
  readonly id: number;
  readonly finding: Finding;
  readonly applied: boolean;
  /** The text at the finding's range is no longer what was proofread. */
  readonly stale: boolean;
}

export interface ProofreadResult {
  readonly items: readonly FindingItem[];
  readonly errors: number;
  readonly warnings: number;
  /** Section texts as proofread (offsets refer to these). */
  readonly snapshot: Readonly<Record<string, string>>;
}

const SEVERITY_COLOR: Record<Finding['severity'], string> = { error: 'red', warning: 'gold', info: 'blue' };
// drafting.proofread.rule labels every rule of the contract; any other id is shown as it is.
const RULES: ReadonlySet<string> = new Set(ProofreadRule.options);

export function ProofreadPanel({
  result,
  running,
  error,
  selectedId,
  titleOf,
  onRun,
  onSelect,
  onApply,
}: {
  result: ProofreadResult | null;
  running: boolean;
  error: unknown;
  selectedId: number | null;
  titleOf: (sectionId: string) => string;
  onRun: () => void;
  onSelect: (item: FindingItem) => void;
  onApply: (item: FindingItem) => void;
}) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const order: Record<Finding['severity'], number> = { error: 0, warning: 1, info: 2 };
  const items = [...(result?.items ?? [])].sort((a, b) => order[a.finding.severity] - order[b.finding.severity] || a.id - b.id);
  return (
    <Card
      size="small"
      data-testid="proofread-panel"
      style={{ marginBottom: 12 }}
      title={
        <Space size={8}>
          <span>{t('drafting.proofread.title')}</span>
          {result && (
            <Typography.Text type={result.errors > 0 ? 'danger' : 'secondary'} style={{ fontWeight: 'normal' }} data-testid="proofread-summary">
              {t('drafting.proofread.summary', { errors: result.errors, warnings: result.warnings })}
            </Typography.Text>
          )}
        </Space>
      }
      extra={
        <Button size="small" icon={<FileSearchOutlined />} loading={running} onClick={onRun} data-testid="proofread-run">
          {result ? t('drafting.proofread.rerun') : t('drafting.proofread.run')}
        </Button>
      }
    >
      {error !== null && error !== undefined && <ErrorAlert error={error} />}
      {!result && !running && (
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {t('drafting.proofread.notRun')}
        </Typography.Text>
      )}
      {result && result.items.length === 0 && <Alert type="success" showIcon title={t('drafting.proofread.clean')} />}
      {items.length > 0 && (
        <div style={{ maxHeight: 'calc(100vh - 200px)', overflow: 'auto' }} role="list">
          {items.map((item) => {
            const f = item.finding;
            const selected = item.id === selectedId;
            return (
              <div
                key={item.id}
                role="listitem"
                data-testid={`finding-${item.id}`}
                data-rule={f.rule}
                onClick={() => onSelect(item)}
                style={{
                  display: 'flex',
                  gap: 8,
                  justifyContent: 'space-between',
                  alignItems: 'flex-start',
                  cursor: 'pointer',
                  background: selected ? '#fff1f0' : undefined,
                  opacity: item.applied ? 0.55 : 1,
                  padding: '8px 8px',
                  borderBottom: '1px solid #f0f0f0',
                }}
              >
                <div style={{ minWidth: 0 }}>
                  <Space size={4} wrap>
                    <Tag color={SEVERITY_COLOR[f.severity]} style={{ marginInlineEnd: 0 }}>
                      {t(`drafting.proofread.severity.${f.severity}`)}
                    </Tag>
                    <Tag style={{ marginInlineEnd: 0 }}>{RULES.has(f.rule) ? t(`drafting.proofread.rule.${f.rule}`) : f.rule}</Tag>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {titleOf(f.sectionId)}
                    </Typography.Text>
                  </Space>
                  <div style={{ marginTop: 2 }}>{en ? f.en : f.zh}</div>
                  {en && f.zh && (
                    <div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {f.zh}
                      </Typography.Text>
                    </div>
                  )}
                  {f.suggestion !== null && !item.applied && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('drafting.proofread.suggestion', { text: f.suggestion })}
                    </Typography.Text>
                  )}
                  {item.stale && !item.applied && (
                    <div>
                      <Typography.Text type="warning" style={{ fontSize: 12 }}>
                        {t('drafting.proofread.stale')}
                      </Typography.Text>
                    </div>
                  )}
                </div>
                {f.suggestion !== null &&
                  (item.applied ? (
                    <Tag color="green" icon={<CheckOutlined />} style={{ flex: 'none' }}>
                      {t('drafting.proofread.applied')}
                    </Tag>
                  ) : (
                    <Button
                      size="small"
                      type="primary"
                      ghost
                      style={{ flex: 'none' }}
                      disabled={item.stale}
                      onClick={(e) => {
                        e.stopPropagation();
                        onApply(item);
                      }}
                      data-testid={`finding-apply-${item.id}`}
                    >
                      {t('drafting.proofread.apply')}
                    </Button>
                  ))}
              </div>
            );
          })}
        </div>
      )}
    </Card>
  );
}
