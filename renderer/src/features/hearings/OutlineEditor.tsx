import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined, ReloadOutlined, SaveOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Card, Checkbox, Empty, Input, Popconfirm, Progress, Select, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OutlineTarget, type Outline } from '../../../../shared/contract/hearings';
import { AppError } from '../../../../shared/contract/result';
import { useApi } from '../../api/context';
import { ErrorAlert, errorText } from '../../ui/errors';
import { formatDateTime } from '../../ui/format';
import { hearingKeys, useLinkTargets, useOutline } from './hooks';
import { newTurnId } from './transcriptModel';

type Section = Outline['sections'][number];
type Item = Section['items'][number];

/** The 庭审提纲: generated from the review work, then edited, reordered and ticked off during the hearing. */
export function OutlineEditor({ hearingId, caseId }: { hearingId: string; caseId: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const query = useOutline(hearingId);
  const links = useLinkTargets(caseId);
  // The user's working copy; null while it equals the server's outline.
  const [edited, setEdited] = useState<Section[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [stale, setStale] = useState<number | null>(null);
  const server = query.data ?? null;
  const sections = edited ?? server?.sections ?? null;
  const version = server?.version ?? 0;
  const dirty = edited !== null;

  const adopt = (o: Outline | null) => {
    qc.setQueryData(hearingKeys.outline(hearingId), o);
    setEdited(null);
    setStale(null);
  };

  const edit = (fn: (s: Section[]) => Section[]) => setEdited((prev) => fn(prev ?? server?.sections ?? []));
  const editItem = (si: number, ii: number, patch: Partial<Item>) =>
    edit((s) => s.map((sec, i) => (i === si ? { ...sec, items: sec.items.map((it, j) => (j === ii ? { ...it, ...patch } : it)) } : sec)));
  const move = (si: number, ii: number, by: -1 | 1) =>
    edit((s) =>
      s.map((sec, i) => {
        if (i !== si) return sec;
        const items = [...sec.items];
        const [it] = items.splice(ii, 1);
        items.splice(ii + by, 0, it!);
        return { ...sec, items };
      }),
    );
  const removeItem = (si: number, ii: number) => edit((s) => s.map((sec, i) => (i === si ? { ...sec, items: sec.items.filter((_, j) => j !== ii) } : sec)));
  const addItem = (si: number) =>
    edit((s) =>
      s.map((sec, i) =>
        i === si
          ? {
              ...sec,
              items: [
                ...sec.items,
                { id: newTurnId().replace(/^t-/, 'o-').slice(0, 64), text: '', target: 'court', pointId: null, elementId: null, evidenceId: null, done: false },
              ],
            }
          : sec,
      ),
    );

  const generate = async () => {
    setBusy(true);
    try {
      const o = await api['hearings.outline.generate']({ hearingId, version });
      adopt(o);
      void message.success(t('hearings.outline.generated'));
    } catch (err) {
      if (err instanceof AppError && err.code === 'CONFLICT') setStale(Number(err.details?.['currentVersion'] ?? 0));
      else void message.error(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  const save = async () => {
    if (!sections) return;
    setBusy(true);
    try {
      // Empty items are dropped rather than refused: an unused "new question" is not an error.
      const clean = sections.map((s) => ({ ...s, items: s.items.filter((it) => it.text.trim() !== '').map((it) => ({ ...it, text: it.text.trim() })) }));
      const o = await api['hearings.outline.save']({ hearingId, version, sections: clean });
      adopt(o);
      void message.success(t('hearings.outline.saved', { version: o.version }));
    } catch (err) {
      if (err instanceof AppError && err.code === 'CONFLICT') setStale(Number(err.details?.['currentVersion'] ?? 0));
      else void message.error(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  if (query.isPending) return <Skeleton active />;
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;

  if (!sections) {
    return (
      <Empty
        data-testid="outline-empty"
        description={
          <Space orientation="vertical" size={4}>
            <Typography.Text strong>{t('hearings.outline.emptyTitle')}</Typography.Text>
            <Typography.Text type="secondary" style={{ maxWidth: 560, display: 'inline-block' }}>
              {t('hearings.outline.emptyBody')}
            </Typography.Text>
          </Space>
        }
      >
        <Button type="primary" loading={busy} onClick={() => void generate()} data-testid="outline-generate">
          {t('hearings.outline.generate')}
        </Button>
      </Empty>
    );
  }

  const all = sections.flatMap((s) => s.items);
  const done = all.filter((i) => i.done).length;
  const linkTags = (it: Item) => {
    const tags: { key: string; color: string; text: string }[] = [];
    if (it.pointId) {
      const p = links.points.find((x) => x.id === it.pointId);
      tags.push({ key: 'p', color: 'purple', text: t('hearings.outline.linkPoint', { label: p ? p.seq : '?' }) });
    }
    if (it.elementId) {
      const e = links.elements.find((x) => x.elementId === it.elementId);
      tags.push({ key: 'e', color: 'cyan', text: t('hearings.outline.linkElement', { label: e ? e.zh : it.elementId }) });
    }
    if (it.evidenceId) {
      const e = links.evidence.find((x) => x.id === it.evidenceId);
      tags.push({ key: 'v', color: 'blue', text: t('hearings.outline.linkEvidence', { label: e ? `${e.seq}. ${e.name}` : '?' }) });
    }
    return tags;
  };

  return (
    <div data-testid="outline-editor">
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 12, flexWrap: 'wrap', marginBottom: 12 }}>
        <Space size={16} wrap>
          <Progress type="circle" size={36} percent={all.length ? Math.round((done / all.length) * 100) : 0} />
          <Typography.Text data-testid="outline-progress">{t('hearings.outline.progress', { done, total: all.length })}</Typography.Text>
          {server && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('hearings.outline.version', { version, by: server.updatedBy, at: formatDateTime(server.updatedAt) })}
            </Typography.Text>
          )}
          {dirty && <Tag color="orange">{t('hearings.outline.unsaved')}</Tag>}
        </Space>
        <Space>
          <Popconfirm title={t('hearings.outline.regenerateConfirm')} onConfirm={() => void generate()} okText={t('common.ok')} cancelText={t('common.cancel')}>
            <Button icon={<ReloadOutlined />} loading={busy} data-testid="outline-regenerate">
              {t('hearings.outline.regenerate')}
            </Button>
          </Popconfirm>
          <Button type="primary" icon={<SaveOutlined />} disabled={!dirty} loading={busy} onClick={() => void save()} data-testid="outline-save">
            {t('hearings.outline.save')}
          </Button>
        </Space>
      </div>
      {stale !== null && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('hearings.outline.conflict', { version: stale })}
          action={
            <Button size="small" onClick={() => void query.refetch().then(() => { setEdited(null); setStale(null); })}>
              {t('hearings.outline.reload')}
            </Button>
          }
        />
      )}
      <div style={{ display: 'grid', gap: 12 }}>
        {sections.map((sec, si) => (
          <Card
            key={sec.stage}
            size="small"
            data-testid={`outline-section-${sec.stage}`}
            title={
              <Space>
                <Tag color="#a61d24">{si + 1}</Tag>
                {t(`hearings.outline.stage.${sec.stage}`)}
                <Typography.Text type="secondary" style={{ fontWeight: 400, fontSize: 12 }}>
                  {sec.items.filter((i) => i.done).length} / {sec.items.length}
                </Typography.Text>
              </Space>
            }
            extra={
              <Button size="small" type="link" icon={<PlusOutlined />} onClick={() => addItem(si)}>
                {t('hearings.outline.addItem')}
              </Button>
            }
          >
            {sec.items.map((it, ii) => (
              <div
                key={it.id}
                data-testid="outline-item"
                style={{ display: 'grid', gridTemplateColumns: '24px 100px minmax(0, 1fr) auto', gap: 8, alignItems: 'start', padding: '4px 0', opacity: it.done ? 0.6 : 1 }}
              >
                <Checkbox checked={it.done} onChange={(e) => editItem(si, ii, { done: e.target.checked })} aria-label={t('hearings.outline.done')} style={{ paddingTop: 4 }} />
                <Select
                  size="small"
                  value={it.target}
                  onChange={(v) => editItem(si, ii, { target: v })}
                  options={OutlineTarget.options.map((k) => ({ value: k, label: t(`hearings.outline.target.${k}`) }))}
                  style={{ marginTop: 2 }}
                />
                <div>
                  <Input.TextArea
                    value={it.text}
                    onChange={(e) => editItem(si, ii, { text: e.target.value })}
                    autoSize={{ minRows: 1, maxRows: 8 }}
                    variant="borderless"
                    placeholder={t('hearings.outline.newItem')}
                    maxLength={2000}
                    style={{ textDecoration: it.done ? 'line-through' : undefined, padding: '2px 4px' }}
                    status={it.text.trim() === '' ? 'warning' : undefined}
                  />
                  {linkTags(it).length > 0 && (
                    <Space size={4} wrap style={{ paddingLeft: 4 }}>
                      {linkTags(it).map((x) => (
                        <Tag key={x.key} color={x.color} style={{ fontSize: 11 }}>
                          {x.text}
                        </Tag>
                      ))}
                    </Space>
                  )}
                </div>
                <Space size={0}>
                  <Button type="text" size="small" icon={<ArrowUpOutlined />} disabled={ii === 0} onClick={() => move(si, ii, -1)} aria-label={t('hearings.outline.moveUp')} />
                  <Button
                    type="text"
                    size="small"
                    icon={<ArrowDownOutlined />}
                    disabled={ii === sec.items.length - 1}
                    onClick={() => move(si, ii, 1)}
                    aria-label={t('hearings.outline.moveDown')}
                  />
                  <Button type="text" size="small" icon={<DeleteOutlined />} onClick={() => removeItem(si, ii)} aria-label={t('hearings.outline.remove')} />
                </Space>
              </div>
            ))}
          </Card>
        ))}
      </div>
    </div>
  );
}
