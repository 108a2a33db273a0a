import { ExperimentOutlined, RedoOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Popconfirm, Space, Tag, Tooltip, Typography } from 'antd';
import { forwardRef, useImperativeHandle, useMemo, useRef, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DiffPart, DraftSection, SectionCitation, SectionSource } from '../../../../shared/contract/drafting';
import { testId } from '../../ui/format';
import { placeholderRanges } from './layout';
import { renderMarked, type MarkRange } from './marks';
import { cleanupDiff, diffChars } from './textDiff';
import type { GenerationNotice } from './useDraftEditor';

const SOURCE_COLOR: Record<SectionSource, string> = { template: 'default', rules: 'blue', model: 'purple', judge: 'green' };
const CITATION_COLOR: Record<SectionCitation['status'], string> = { ok: 'success', unresolved: 'error', unverifiable: 'warning' };

/** Both layers of the highlighting textarea must wrap text identically. */
const TEXT_STYLE: CSSProperties = {
  fontSize: 15,
  lineHeight: 1.8,
  padding: '6px 11px',
  borderWidth: 1,
  borderStyle: 'solid',
  boxSizing: 'border-box',
  whiteSpace: 'pre-wrap',
  overflowWrap: 'anywhere',
  wordBreak: 'normal',
  width: '100%',
  fontFamily: 'inherit',
  letterSpacing: 'normal',
  margin: 0,
  borderRadius: 6,
};

export interface TextBoxHandle {
  select(start: number, end: number): void;
  focus(): void;
}

/**
 * A textarea over a mirror of its text in which 【待补充…】 markers and the selected finding are
 * marked: the textarea itself is transparent, so the caret and selection behave natively.
 */
const MarkedTextArea = forwardRef<
  TextBoxHandle,
  {
    value: string;
    onChange: (v: string) => void;
    marks: readonly MarkRange[];
    readOnly: boolean;
    active: boolean;
    onFocus: () => void;
    id: string;
    label: string;
  }
>(function MarkedTextArea({ value, onChange, marks, readOnly, active, onFocus, id, label }, ref) {
  const area = useRef<HTMLTextAreaElement>(null);
  useImperativeHandle(ref, () => ({
    select(start, end) {
      const el = area.current;
      if (!el) return;
      el.focus({ preventScroll: true });
      el.setSelectionRange(start, end);
    },
    focus() {
      area.current?.focus({ preventScroll: true });
    },
  }));
  return (
    <div style={{ position: 'relative' }}>
      <div
        aria-hidden
        data-testid={`section-mirror-${id}`}
        style={{ ...TEXT_STYLE, borderColor: 'transparent', color: 'transparent', minHeight: 60 }}
      >
        {renderMarked(value, 0, marks, 'transparent')}
        {/* A trailing newline needs a character after it to take up its line, as in the textarea. */}
        {value.endsWith('\n') || value === '' ? '\u200b' : ''}
      </div>
      <textarea
        ref={area}
        aria-label={label}
        data-testid={`section-text-${id}`}
        value={value}
        readOnly={readOnly}
        spellCheck={false}
        onFocus={onFocus}
        onChange={(e) => onChange(e.target.value)}
        style={{
          ...TEXT_STYLE,
          position: 'absolute',
          inset: 0,
          height: '100%',
          resize: 'none',
          overflow: 'hidden',
          background: 'transparent',
          color: readOnly ? '#595959' : '#1f1f1f',
          borderColor: active ? '#a61d24' : '#d9d9d9',
          outline: 'none',
          boxShadow: active ? '0 0 0 2px rgba(166, 29, 36, 0.1)' : undefined,
        }}
      />
    </div>
  );
});

export function DiffText({ parts, testIdValue }: { parts: readonly DiffPart[]; testIdValue?: string }) {
  return (
    <div style={{ whiteSpace: 'pre-wrap', lineHeight: 1.8, fontSize: 14 }} data-testid={testIdValue}>
      {cleanupDiff(parts).map((p, i) =>
        p.op === 'equal' ? (
          <span key={i}>{p.text}</span>
        ) : p.op === 'insert' ? (
          <ins key={i} data-testid="diff-insert" style={{ background: '#d9f7be', color: '#135200', textDecoration: 'underline' }}>
            {p.text}
          </ins>
        ) : (
          <del key={i} data-testid="diff-delete" style={{ background: '#ffccc7', color: '#a8071a', textDecoration: 'line-through' }}>
            {p.text}
          </del>
        ),
      )}
    </div>
  );
}

export interface SectionCardProps {
  section: DraftSection;
  text: string;
  onChange: (text: string) => void;
  active: boolean;
  onFocus: () => void;
  finding: { start: number; end: number } | null;
  /** The latest saved text when this section is in conflict. */
  conflictTheirs: string | undefined;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
  onReset: () => Promise<void>;
  generating: boolean;
  anyGenerating: boolean;
  streamText: string;
  streamStarted: boolean;
  onGenerate: () => void;
  onCancel: () => void;
  notice: GenerationNotice | null;
  onDismissNotice: () => void;
  locked: boolean;
}

export const SectionCard = forwardRef<TextBoxHandle, SectionCardProps>(function SectionCard(props, ref) {
  const { t } = useTranslation();
  const { section: s, text, finding, conflictTheirs, generating, notice } = props;
  const needsInput = /【待补充/.test(text);
  const marks = useMemo<MarkRange[]>(() => {
    const m: MarkRange[] = placeholderRanges(text).map((r) => ({ ...r, kind: 'placeholder' }));
    if (finding) m.push({ ...finding, kind: 'finding' });
    return m;
  }, [text, finding]);
  const shown = generating ? `${props.streamText}${props.streamStarted ? '▍' : ''}` : text;
  const citationsCurrent = text === s.text;

  return (
    <Card
      size="small"
      data-testid={`section-${s.id}`}
      style={{ marginBottom: 12, borderColor: props.active ? '#e8b4b8' : undefined }}
      title={
        <Space size={6} wrap>
          <span>{s.title}</span>
          <Tooltip title={t(`drafting.section.sourceHint.${s.source}`)}>
            <Tag color={SOURCE_COLOR[s.source]} data-testid={`section-source-${s.id}`} style={{ marginInlineEnd: 0 }}>
              {t(`drafting.section.source.${s.source}`)}
            </Tag>
          </Tooltip>
          {needsInput && (
            <Tag color="gold" data-testid={`section-needs-input-${s.id}`} style={{ marginInlineEnd: 0 }}>
              {t('drafting.section.needsInput')}
            </Tag>
          )}
        </Space>
      }
      extra={
        <Space size={4}>
          {s.generatable &&
            (generating ? (
              <Button size="small" danger icon={<StopOutlined />} onClick={props.onCancel} data-testid={`section-cancel-${s.id}`}>
                {t('drafting.section.cancel')}
              </Button>
            ) : (
              <Button
                size="small"
                icon={<ExperimentOutlined />}
                disabled={props.anyGenerating || props.locked}
                onClick={props.onGenerate}
                data-testid={`section-generate-${s.id}`}
              >
                {s.source === 'model' ? t('drafting.section.regenerate') : t('drafting.section.generate')}
              </Button>
            ))}
          <Popconfirm
            title={t('drafting.section.resetConfirm')}
            okText={t('common.ok')}
            cancelText={t('common.cancel')}
            okButtonProps={testId(`section-reset-confirm-${s.id}`)}
            onConfirm={props.onReset}
          >
            <Button size="small" icon={<RedoOutlined />} disabled={generating || props.locked} data-testid={`section-reset-${s.id}`}>
              {t('drafting.section.reset')}
            </Button>
          </Popconfirm>
        </Space>
      }
    >
      {generating && (
        <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 6 }} data-testid={`section-generating-${s.id}`}>
          {props.streamStarted ? t('drafting.section.generating') : t('drafting.section.waiting')}
        </Typography.Text>
      )}
      <MarkedTextArea
        ref={ref}
        id={s.id}
        label={s.title}
        value={shown}
        onChange={props.onChange}
        marks={generating ? [] : marks}
        readOnly={generating || props.locked}
        active={props.active}
        onFocus={props.onFocus}
      />
      {conflictTheirs !== undefined && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 8 }}
          data-testid={`section-conflict-${s.id}`}
          title={t('drafting.conflict.sectionTitle')}
          description={
            <>
              <Typography.Paragraph type="secondary" style={{ marginBottom: 6 }}>
                {t('drafting.conflict.sectionBody')}
              </Typography.Paragraph>
              <div style={{ background: '#fff', padding: 8, borderRadius: 4, border: '1px solid #f0f0f0' }}>
                <DiffText parts={diffChars(conflictTheirs, text)} testIdValue={`section-conflict-diff-${s.id}`} />
              </div>
              <Space style={{ marginTop: 8 }} wrap>
                <Button size="small" type="primary" onClick={props.onKeepMine} data-testid={`section-keep-mine-${s.id}`}>
                  {t('drafting.conflict.keepMine')}
                </Button>
                <Button size="small" onClick={props.onTakeTheirs} data-testid={`section-take-theirs-${s.id}`}>
                  {t('drafting.conflict.takeTheirs')}
                </Button>
              </Space>
            </>
          }
        />
      )}
      {notice && (
        <Alert
          style={{ marginTop: 8 }}
          showIcon
          closable={{ onClose: props.onDismissNotice }}
          type={notice.kind === 'done' ? 'success' : notice.kind === 'failed' ? 'error' : notice.kind === 'unavailable' ? 'warning' : 'info'}
          data-testid={`section-notice-${s.id}`}
          title={
            notice.kind === 'done'
              ? t('drafting.section.generated', { title: s.title })
              : notice.kind === 'cancelled'
                ? t('drafting.section.generateCancelled')
                : notice.kind === 'unavailable'
                  ? t('drafting.section.noModel')
                  : t('drafting.section.generateFailed', { message: notice.message })
          }
          action={
            notice.kind === 'unavailable' ? (
              <Link to="/models">
                <Button size="small">{t('drafting.section.goModels')}</Button>
              </Link>
            ) : undefined
          }
        />
      )}
      {s.citations.length > 0 && citationsCurrent && (
        <div style={{ marginTop: 8 }} data-testid={`section-citations-${s.id}`}>
          <Typography.Text type="secondary" style={{ fontSize: 12, marginRight: 6 }}>
            {t('drafting.section.citations')}
          </Typography.Text>
          {s.citations.map((c, i) => (
            <Tooltip
              key={`${c.start}-${i}`}
              title={
                <>
                  <div>{t(`drafting.section.citationHint.${c.status}`, { target: c.target })}</div>
                  {c.note && <div>{c.note}</div>}
                </>
              }
            >
              <Tag color={CITATION_COLOR[c.status]} style={{ marginBottom: 4, whiteSpace: 'normal' }} data-testid={`citation-${s.id}-${i}`}>
                {c.raw} · {t(`drafting.section.citation.${c.status}`)}
              </Tag>
            </Tooltip>
          ))}
        </div>
      )}
      {s.notes.length > 0 && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 6, marginBottom: 0 }}>
          {t('drafting.section.notes')}：{s.notes.join(' ')}
        </Typography.Paragraph>
      )}
    </Card>
  );
});
