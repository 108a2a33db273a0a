import { AimOutlined, CheckOutlined, CloseOutlined, EditOutlined } from '@ant-design/icons';
import { Button, Input, Select, Space, Tag, Tooltip, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldSource, Span } from '../../../../shared/contract/intake';

/** What every extracted value carries: where it came from and whether it is grounded in the text. */
export interface FieldMeta {
  readonly span: Span | null;
  readonly source: FieldSource;
  readonly verified: boolean;
}

/** Unverified: the system could not point at the text it came from (a model guess, or no span). */
export function isUnverified(f: FieldMeta): boolean {
  return !f.verified || (f.span === null && f.source !== 'clerk');
}

export function SourceBadges({ meta }: { meta: FieldMeta }) {
  const { t } = useTranslation();
  return (
    <>
      {meta.source === 'clerk' && (
        <Tag color="green" data-testid="source-clerk" style={{ marginInlineEnd: 0 }}>
          {t('intake.review.source.clerk')}
        </Tag>
      )}
      {meta.source === 'model' && (
        <Tag color="purple" data-testid="source-model" style={{ marginInlineEnd: 0 }}>
          {t('intake.review.source.model')}
        </Tag>
      )}
      {isUnverified(meta) && (
        <Tooltip title={t('intake.review.unverifiedHelp')}>
          <Tag color="warning" data-testid="unverified-badge" style={{ marginInlineEnd: 0 }}>
            {t('intake.review.unverified')}
          </Tag>
        </Tooltip>
      )}
    </>
  );
}

export type Editor =
  | { readonly kind: 'text'; readonly multiline?: boolean }
  | { readonly kind: 'select'; readonly options: readonly { value: string; label: string }[] }
  | { readonly kind: 'custom'; readonly placeholder?: string };

export interface FieldRowProps {
  /** Stable key: highlight state, test ids and the scroll target use it. */
  readonly id: string;
  readonly label: string;
  /** The value as the editor shows it; null when nothing was extracted. */
  readonly raw: string | null;
  readonly display?: ReactNode;
  readonly meta: FieldMeta | null;
  readonly editor: Editor;
  /** Returns an error message to keep the editor open, or null when accepted. */
  readonly onCommit: (value: string) => string | null;
  readonly active: boolean;
  readonly onPoint: (id: string | null, span: Span | null, pin?: boolean) => void;
  readonly readOnly?: boolean;
  readonly extra?: ReactNode;
}

export function FieldRow({ id, label, raw, display, meta, editor, onCommit, active, onPoint, readOnly, extra }: FieldRowProps) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const span = meta?.span ?? null;

  const start = () => {
    setDraft(raw ?? '');
    setProblem(null);
    setEditing(true);
  };
  const commit = (value: string) => {
    const err = onCommit(value);
    if (err !== null) {
      setProblem(err);
      return;
    }
    setEditing(false);
  };

  let control: ReactNode = null;
  if (editing) {
    if (editor.kind === 'select') {
      control = (
        <Select
          size="small"
          autoFocus
          defaultOpen
          style={{ minWidth: 160 }}
          value={draft || undefined}
          options={editor.options.map((o) => ({ value: o.value, label: o.label }))}
          onChange={(v: string) => commit(v)}
          data-testid={`field-${id}-input`}
        />
      );
    } else if (editor.kind === 'text' && editor.multiline) {
      control = (
        <Input.TextArea
          autoFocus
          autoSize={{ minRows: 2, maxRows: 12 }}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          status={problem ? 'error' : undefined}
          data-testid={`field-${id}-input`}
        />
      );
    } else {
      control = (
        <Input
          size="small"
          autoFocus
          value={draft}
          placeholder={editor.kind === 'custom' ? editor.placeholder : undefined}
          onChange={(e) => setDraft(e.target.value)}
          onPressEnter={() => commit(draft)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setEditing(false);
          }}
          status={problem ? 'error' : undefined}
          data-testid={`field-${id}-input`}
        />
      );
    }
  }

  return (
    <div
      data-testid={`field-${id}`}
      data-field-key={id}
      data-active={active ? 'true' : undefined}
      onMouseEnter={() => onPoint(id, span)}
      onMouseLeave={() => onPoint(null, null)}
      onClick={() => onPoint(id, span, true)}
      style={{
        display: 'grid',
        gridTemplateColumns: '104px minmax(0, 1fr) auto',
        gap: 8,
        alignItems: 'start',
        padding: '4px 6px',
        borderRadius: 4,
        background: active ? '#fff7e6' : undefined,
        borderLeft: `3px solid ${active ? '#faad14' : 'transparent'}`,
      }}
    >
      <Typography.Text type="secondary" style={{ paddingTop: 1 }}>
        {label}
      </Typography.Text>
      <div style={{ minWidth: 0 }}>
        {editing ? (
          <Space orientation="vertical" size={4} style={{ width: '100%' }}>
            {control}
            {problem && (
              <Typography.Text type="danger" data-testid={`field-${id}-error`}>
                {problem}
              </Typography.Text>
            )}
            {editor.kind !== 'select' && (
              <Space size={4}>
                <Button size="small" type="primary" icon={<CheckOutlined />} onClick={() => commit(draft)} data-testid={`field-${id}-ok`}>
                  {t('common.ok')}
                </Button>
                <Button size="small" icon={<CloseOutlined />} onClick={() => setEditing(false)}>
                  {t('common.cancel')}
                </Button>
              </Space>
            )}
          </Space>
        ) : raw === null ? (
          <Typography.Text type="secondary" italic data-testid={`field-${id}-missing`}>
            {t('intake.review.notFound')}
          </Typography.Text>
        ) : (
          <span style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }} data-testid={`field-${id}-value`}>
            {display ?? raw}
          </span>
        )}
        {extra}
      </div>
      <Space size={4} wrap style={{ justifyContent: 'flex-end' }}>
        {meta !== null && <SourceBadges meta={meta} />}
        {span !== null && (
          <Tooltip title={t('intake.review.locate')}>
            <AimOutlined style={{ color: active ? '#d48806' : '#bfbfbf' }} />
          </Tooltip>
        )}
        {!readOnly && !editing && (
          <Tooltip title={raw === null ? t('intake.review.fill') : t('intake.review.correct')}>
            <Button
              size="small"
              type="text"
              icon={<EditOutlined />}
              aria-label={t('intake.review.correct')}
              onClick={(e) => {
                e.stopPropagation();
                start();
              }}
              data-testid={`field-${id}-edit`}
            />
          </Tooltip>
        )}
      </Space>
    </div>
  );
}
