import { Alert, Drawer, Empty, Select, Space, Spin, Switch, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Draft, HistoryEntry } from '../../../../shared/contract/drafting';
import { ErrorAlert } from '../../ui/errors';
import { formatDateTime } from '../../ui/format';
import { useDraftDiff, useDraftHistory } from './hooks';
import { DiffText } from './SectionCard';

const KNOWN_ACTIONS = new Set(['create', 'edit', 'generate', 'reset', 'date']);

export function HistoryDrawer({ draft, open, onClose }: { draft: Draft; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const history = useDraftHistory(draft.id, draft.version, open);
  const items = useMemo(() => [...(history.data?.items ?? [])].sort((a, b) => b.version - a.version), [history.data]);
  const [fromChoice, setFrom] = useState<number | null>(null);
  const [toChoice, setTo] = useState<number | null>(null);
  const [showUnchanged, setShowUnchanged] = useState(false);
  // Default: the previous version against the newest; a choice holds while it is still listed.
  const versions = items.map((i) => i.version);
  const to = toChoice !== null && versions.includes(toChoice) ? toChoice : (items[0]?.version ?? null);
  const from = fromChoice !== null && versions.includes(fromChoice) ? fromChoice : ((items[1] ?? items[0])?.version ?? null);

  const diff = useDraftDiff(draft.id, from, to);
  const titleOf = (sectionId: string | null) => (sectionId ? (draft.sections.find((s) => s.id === sectionId)?.title ?? sectionId) : '');
  const actionText = (e: HistoryEntry) => (KNOWN_ACTIONS.has(e.action) ? t(`drafting.history.action.${e.action}`) : e.action);
  const option = (e: HistoryEntry) => ({
    value: e.version,
    label: `${t('drafting.history.versionLabel', { version: e.version })} · ${actionText(e)}${e.sectionId ? `（${titleOf(e.sectionId)}）` : ''}`,
  });
  const sections = diff.data?.sections ?? [];
  const changed = sections.filter((s) => s.changed);

  return (
    <Drawer open={open} onClose={onClose} size={760} title={t('drafting.history.title')} destroyOnHidden>
      <div data-testid="draft-history">
        {history.isError && <ErrorAlert error={history.error} onRetry={() => void history.refetch()} />}
        {history.isPending && <Spin />}
        {history.data && items.length === 0 && <Empty description={t('drafting.history.empty')} />}
        {items.length > 0 && (
          <>
            <div role="list" style={{ maxHeight: 220, overflow: 'auto', marginBottom: 12, border: '1px solid #f0f0f0', borderRadius: 6 }}>
              {items.map((e) => (
                <div
                  key={e.version}
                  role="listitem"
                  data-testid={`history-${e.version}`}
                  style={{
                    display: 'flex',
                    justifyContent: 'space-between',
                    gap: 8,
                    flexWrap: 'wrap',
                    padding: '6px 12px',
                    borderBottom: '1px solid #f0f0f0',
                    cursor: 'pointer',
                    background: e.version === from || e.version === to ? '#fff1f0' : undefined,
                  }}
                  onClick={() => {
                    // A click picks the newer side if it is newer than `from`, else the older side.
                    if (from !== null && e.version > from) setTo(e.version);
                    else setFrom(e.version);
                  }}
                >
                  <Space size={8} wrap>
                    <Typography.Text strong>{t('drafting.history.versionLabel', { version: e.version })}</Typography.Text>
                    <Tag>{actionText(e)}</Tag>
                    {e.sectionId && <Typography.Text>{titleOf(e.sectionId)}</Typography.Text>}
                    {e.source && <Tag color="default">{t(`drafting.section.source.${e.source}`)}</Tag>}
                  </Space>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {e.actor} · {formatDateTime(e.at)}
                  </Typography.Text>
                </div>
              ))}
            </div>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
              {t('drafting.history.pickTwo')}
            </Typography.Paragraph>
            <Space wrap style={{ marginBottom: 12 }}>
              <span>{t('drafting.history.from')}</span>
              <Select style={{ minWidth: 240 }} value={from} onChange={setFrom} options={items.map(option)} data-testid="history-from" />
              <span>{t('drafting.history.to')}</span>
              <Select style={{ minWidth: 240 }} value={to} onChange={setTo} options={items.map(option)} data-testid="history-to" />
              <Space size={4}>
                <Switch size="small" checked={showUnchanged} onChange={setShowUnchanged} />
                <span>{t('drafting.history.showUnchanged')}</span>
              </Space>
            </Space>
          </>
        )}
        {diff.isError && <ErrorAlert error={diff.error} />}
        {diff.data && from !== to && (
          <div data-testid="draft-diff">
            {changed.length === 0 && <Alert type="info" showIcon title={t('drafting.history.noChanges')} />}
            {(showUnchanged ? sections : changed).map((s) => (
              <div key={s.sectionId} data-testid={`diff-section-${s.sectionId}`} style={{ marginBottom: 12 }}>
                <Space size={6} style={{ marginBottom: 4 }}>
                  <Typography.Text strong>{s.title}</Typography.Text>
                  <Tag color={s.changed ? 'orange' : 'default'}>{s.changed ? t('drafting.history.changed') : t('drafting.history.unchanged')}</Tag>
                </Space>
                <div style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: 8, background: '#fafafa' }}>
                  <DiffText parts={s.parts} />
                </div>
              </div>
            ))}
          </div>
        )}
      </div>
    </Drawer>
  );
}
