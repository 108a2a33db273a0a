import {
  ArrowLeftOutlined,
  CheckCircleOutlined,
  DownloadOutlined,
  ExclamationCircleOutlined,
  FileSearchOutlined,
  HistoryOutlined,
  LoadingOutlined,
  SettingOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { Alert, App as AntApp, Button, Col, DatePicker, Row, Segmented, Space, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DRAFTING_DEFAULTS, type Draft } from '../../../../shared/contract/drafting';
import { useApi, useShell } from '../../api/context';
import { errorText } from '../../ui/errors';
import { formatBytes, testId } from '../../ui/format';
import { useSaveFile } from '../../ui/saveFile';
import { HistoryDrawer } from './HistoryDrawer';
import { useDraftingSettings } from './hooks';
import { PagePreview } from './PagePreview';
import { ProofreadPanel, type FindingItem, type ProofreadResult } from './ProofreadPanel';
import { SectionCard, type TextBoxHandle } from './SectionCard';
import { SettingsDrawer } from './SettingsDrawer';
import { useDraftEditor, type SaveState } from './useDraftEditor';
import { kindLabel } from './DraftList';

function SaveIndicator({ state, onRetry }: { state: SaveState; onRetry: () => void }) {
  const { t } = useTranslation();
  const view: Record<SaveState, { icon: ReactNode; text: string; color: string }> = {
    saved: { icon: <CheckCircleOutlined />, text: t('drafting.editor.saved'), color: '#389e0d' },
    pending: { icon: <ExclamationCircleOutlined />, text: t('drafting.editor.unsaved'), color: '#8c8c8c' },
    saving: { icon: <LoadingOutlined />, text: t('drafting.editor.saving'), color: '#8c8c8c' },
    error: { icon: <WarningOutlined />, text: t('drafting.editor.saveFailed'), color: '#cf1322' },
    conflict: { icon: <WarningOutlined />, text: t('drafting.editor.conflictState'), color: '#d46b08' },
  };
  const v = view[state];
  return (
    <Space size={4} data-testid="save-state" data-state={state} style={{ color: v.color }}>
      {v.icon}
      <span>{v.text}</span>
      {state === 'error' && (
        <a onClick={onRetry} role="button">
          {t('drafting.editor.retrySave')}
        </a>
      )}
    </Space>
  );
}

export function DraftEditor({ initial, onBack }: { initial: Draft; onBack: () => void }) {
  const { t } = useTranslation();
  const { message, modal } = AntApp.useApp();
  const api = useApi();
  const saveFile = useSaveFile();
  const shell = useShell();
  const ed = useDraftEditor(initial);
  const settings = useDraftingSettings();
  const [active, setActive] = useState<string | null>(null);
  const [historyOpen, setHistoryOpen] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [proof, setProof] = useState<ProofreadResult | null>(null);
  const [proofRunning, setProofRunning] = useState(false);
  const [proofError, setProofError] = useState<unknown>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [side, setSide] = useState<'preview' | 'proofread'>('preview');
  const [exporting, setExporting] = useState(false);
  const boxes = useRef(new Map<string, TextBoxHandle>());
  const { draft, texts } = ed;

  const previewSections = useMemo(
    () => draft.sections.map((s) => ({ id: s.id, layout: s.layout, text: ed.generating?.sectionId === s.id ? ed.streamText : (texts[s.id] ?? s.text) })),
    [draft.sections, texts, ed.generating, ed.streamText],
  );
  const titleOf = (id: string) => draft.sections.find((s) => s.id === id)?.title ?? id;
  const isStale = (item: FindingItem) =>
    item.stale || (!item.applied && proof !== null && texts[item.finding.sectionId] !== proof.snapshot[item.finding.sectionId]);
  const proofView: ProofreadResult | null = proof && { ...proof, items: proof.items.map((i) => ({ ...i, stale: isStale(i) })) };
  const selectedItem = proofView?.items.find((i) => i.id === selected) ?? null;
  const highlight =
    selectedItem && !selectedItem.applied && !selectedItem.stale
      ? { sectionId: selectedItem.finding.sectionId, start: selectedItem.finding.start, end: selectedItem.finding.end }
      : null;

  const scrollTo = (sectionId: string) => {
    const el = document.querySelector(`[data-testid="section-${sectionId}"]`);
    if (el && 'scrollIntoView' in el) el.scrollIntoView({ block: 'center', behavior: 'smooth' });
  };

  const runProofread = async (): Promise<ProofreadResult | null> => {
    setSide('proofread');
    setProofRunning(true);
    setProofError(null);
    try {
      const ok = await ed.flush();
      if (!ok) return null;
      // Offsets refer to the saved text, which is what the boxes hold right after a successful flush.
      const snapshot = { ...ed.getTexts() };
      const res = await api['drafting.proofread']({ draftId: draft.id });
      const next: ProofreadResult = {
        items: res.findings.map((finding, id) => ({ id, finding, applied: false, stale: false })),
        errors: res.errors,
        warnings: res.warnings,
        snapshot,
      };
      setProof(next);
      setSelected(null);
      return next;
    } catch (err) {
      setProofError(err);
      return null;
    } finally {
      setProofRunning(false);
    }
  };

  const selectFinding = (item: FindingItem) => {
    setSelected(item.id);
    const f = item.finding;
    setActive(f.sectionId);
    scrollTo(f.sectionId);
    if (!item.stale && !item.applied) boxes.current.get(f.sectionId)?.select(f.start, f.end);
  };

  const applyFinding = (item: FindingItem) => {
    if (!proof || item.finding.suggestion === null || isStale(item)) return;
    const f = item.finding;
    const before = texts[f.sectionId] ?? '';
    const suggestion = f.suggestion ?? '';
    const after = before.slice(0, f.start) + suggestion + before.slice(f.end);
    const delta = suggestion.length - (f.end - f.start);
    ed.setText(f.sectionId, after);
    setProof({
      ...proof,
      errors: proof.errors - (f.severity === 'error' ? 1 : 0),
      warnings: proof.warnings - (f.severity === 'warning' ? 1 : 0),
      snapshot: { ...proof.snapshot, [f.sectionId]: after },
      items: proof.items.map((i) => {
        if (i.id === item.id) return { ...i, applied: true };
        const g = i.finding;
        if (g.sectionId !== f.sectionId || i.applied) return i;
        if (g.start >= f.end && !(g.start === f.start && g.end === f.start)) return { ...i, finding: { ...g, start: g.start + delta, end: g.end + delta } };
        if (g.end <= f.start) return i;
        return { ...i, stale: true };
      }),
    });
    setSelected(null);
    // A one-click fix is a deliberate edit: save it now rather than after the debounce.
    void ed.flush();
  };

  const reallyExport = async () => {
    setExporting(true);
    try {
      const r = await api['drafting.export']({ draftId: draft.id });
      await saveFile(r, (filename) => t('drafting.export.done', { filename, size: formatBytes(r.bytes) }));
    } catch (err) {
      void message.error(errorText(t, err));
    } finally {
      setExporting(false);
    }
  };

  const exportDocx = async () => {
    setExporting(true);
    const pr = await runProofread();
    setExporting(false);
    if (!pr) {
      if (ed.saveState === 'conflict' || ed.saveState === 'error') void message.error(t('drafting.editor.saveFailed'));
      return;
    }
    if (pr.errors > 0) {
      modal.confirm({
        title: t('drafting.export.warnTitle', { count: pr.errors }),
        content: t('drafting.export.warnBody'),
        okText: t('drafting.export.anyway'),
        cancelText: t('drafting.export.review'),
        okButtonProps: testId('export-anyway'),
        cancelButtonProps: testId('export-review'),
        onOk: () => reallyExport(),
      });
      return;
    }
    await reallyExport();
  };

  const changeDate = async (value: string) => {
    try {
      const next = await ed.setDate(value);
      if (next) void message.success(t('drafting.editor.dateChanged'));
    } catch (err) {
      void message.error(errorText(t, err));
    }
  };

  const reset = async (sectionId: string) => {
    try {
      const next = await ed.resetSection(sectionId);
      if (next) void message.success(t('drafting.section.resetDone', { title: titleOf(sectionId) }));
    } catch (err) {
      void message.error(errorText(t, err));
    }
  };

  const reload = async () => {
    try {
      const n = await ed.reloadKeepingMine();
      if (n === 0) void message.success(t('drafting.conflict.rebased'));
    } catch (err) {
      void message.error(errorText(t, err));
    }
  };

  const locked = ed.needsReload;
  const needsInputCount = draft.sections.filter((s) => /【待补充/.test(texts[s.id] ?? s.text)).length;

  return (
    <div data-testid="draft-editor" data-draft-id={draft.id}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 12, flexWrap: 'wrap', marginBottom: 12 }}>
        <Space size={8} wrap>
          <Button type="link" icon={<ArrowLeftOutlined />} onClick={onBack} style={{ paddingLeft: 0 }} data-testid="draft-back">
            {t('drafting.editor.back')}
          </Button>
          <Typography.Title level={5} style={{ margin: 0 }} data-testid="draft-title">
            {kindLabel(t, draft.kind)}
          </Typography.Title>
          <Tag data-testid="draft-version">{t('drafting.editor.version', { version: draft.version })}</Tag>
          <SaveIndicator state={ed.saveState} onRetry={() => void ed.flush()} />
        </Space>
        <Space size={8} wrap>
          <span>{t('drafting.editor.documentDate')}</span>
          <DatePicker
            allowClear={false}
            value={dayjs(draft.documentDate)}
            onChange={(d) => d && void changeDate(d.format('YYYY-MM-DD'))}
            disabled={locked || ed.generating !== null}
            data-testid="draft-date"
          />
          <Button icon={<HistoryOutlined />} onClick={() => setHistoryOpen(true)} data-testid="draft-history-open">
            {t('drafting.editor.history')}
          </Button>
          <Button icon={<FileSearchOutlined />} loading={proofRunning} disabled={locked} onClick={() => void runProofread()} data-testid="draft-proofread">
            {t('drafting.editor.proofread')}
          </Button>
          <Button icon={<SettingOutlined />} onClick={() => setSettingsOpen(true)} data-testid="draft-settings-open">
            {t('drafting.editor.settings')}
          </Button>
          <Tooltip title={t(shell ? 'drafting.export.noteDesktop' : 'drafting.export.note')}>
            <Button type="primary" icon={<DownloadOutlined />} loading={exporting} disabled={locked} onClick={() => void exportDocx()} data-testid="draft-export">
              {t('drafting.editor.export')}
            </Button>
          </Tooltip>
        </Space>
      </div>

      {ed.needsReload && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="draft-conflict"
          title={t('drafting.conflict.title')}
          description={t('drafting.conflict.body')}
          action={
            <Space orientation="vertical">
              <Button type="primary" size="small" onClick={() => void reload()} data-testid="draft-conflict-reload">
                {t('drafting.conflict.reload')}
              </Button>
              <Button size="small" danger onClick={() => void ed.discardMine()} data-testid="draft-conflict-discard">
                {t('drafting.conflict.discard')}
              </Button>
            </Space>
          }
        />
      )}

      <Row gutter={16} wrap={false} style={{ alignItems: 'flex-start' }}>
        <Col flex="1 1 56%" style={{ minWidth: 0 }}>
          <div style={{ display: 'flex', justifyContent: 'space-between', marginBottom: 8 }}>
            <Typography.Text strong>{t('drafting.editor.sectionsTitle')}</Typography.Text>
            {needsInputCount > 0 && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                <span style={{ background: '#fff1b8', padding: '0 4px', borderRadius: 2 }}>{t('drafting.list.needsInputCount', { count: needsInputCount })}</span>{' '}
                {t('drafting.editor.needsInputHint')}
              </Typography.Text>
            )}
          </div>
          {draft.sections.map((s) => (
            <SectionCard
              key={s.id}
              ref={(h) => {
                if (h) boxes.current.set(s.id, h);
                else boxes.current.delete(s.id);
              }}
              section={s}
              text={texts[s.id] ?? s.text}
              onChange={(v) => ed.setText(s.id, v)}
              active={active === s.id}
              onFocus={() => setActive(s.id)}
              finding={highlight?.sectionId === s.id ? highlight : null}
              conflictTheirs={ed.conflicts[s.id]}
              onKeepMine={() => void ed.keepMine(s.id)}
              onTakeTheirs={() => ed.takeTheirs(s.id)}
              onReset={() => reset(s.id)}
              generating={ed.generating?.sectionId === s.id}
              anyGenerating={ed.generating !== null}
              streamText={ed.streamText}
              streamStarted={ed.streamStarted}
              onGenerate={() => void ed.generate(s.id)}
              onCancel={() => void ed.cancelGeneration()}
              notice={ed.notice?.sectionId === s.id ? ed.notice : null}
              onDismissNotice={ed.dismissNotice}
              locked={locked}
            />
          ))}
        </Col>
        <Col flex="0 0 44%" style={{ position: 'sticky', top: 8, maxHeight: 'calc(100vh - 16px)', overflow: 'auto', minWidth: 0 }}>
          <Segmented
            block
            value={side}
            onChange={(v) => setSide(v === 'proofread' ? 'proofread' : 'preview')}
            style={{ marginBottom: 8 }}
            options={[
              { value: 'preview', label: <span data-testid="side-preview">{t('drafting.editor.preview')}</span> },
              {
                value: 'proofread',
                label: (
                  <span data-testid="side-proofread">
                    {t('drafting.proofread.title')}
                    {proofView && proofView.errors > 0 ? ` · ${t('drafting.proofread.errorsShort', { count: proofView.errors })}` : ''}
                  </span>
                ),
              },
            ]}
          />
          {side === 'preview' ? (
            <PagePreview
              sections={previewSections}
              settings={settings.data ?? DRAFTING_DEFAULTS}
              activeSectionId={active}
              highlight={highlight}
              onPick={(id) => {
                setActive(id);
                scrollTo(id);
                boxes.current.get(id)?.focus();
              }}
            />
          ) : (
            <ProofreadPanel
              result={proofView}
              running={proofRunning}
              error={proofError}
              selectedId={selected}
              titleOf={titleOf}
              onRun={() => void runProofread()}
              onSelect={selectFinding}
              onApply={applyFinding}
            />
          )}
        </Col>
      </Row>
      <HistoryDrawer draft={draft} open={historyOpen} onClose={() => setHistoryOpen(false)} />
      <SettingsDrawer open={settingsOpen} onClose={() => setSettingsOpen(false)} />
    </div>
  );
}
