import { DeleteOutlined, FileTextOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Input, Progress, Space, Table, Tag, Typography, Upload } from 'antd';
import type { TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_DOCUMENT_BYTES } from '../../../../shared/contract/cases';
import type { ImportFilingResult } from '../../../../shared/contract/intake';
import { AppError } from '../../../../shared/contract/result';
import { errorText } from '../../ui/errors';
import { formatBytes } from '../../ui/format';
import { readAsBase64 } from '../cases/DocumentsPanel';
import { useImportFiling } from './hooks';

const ACCEPTED = ['docx', 'pdf', 'txt'] as const;
const MAX_FILES = 20;

type FileProblem = 'tooLarge' | 'badType' | 'duplicate' | 'empty';

interface Picked {
  readonly key: string;
  readonly file: File;
  readonly problem: FileProblem | null;
}

function extOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/** Files the backend would refuse are flagged before anything is read or sent. */
function classify(file: File, already: readonly Picked[]): FileProblem | null {
  if (file.size > MAX_DOCUMENT_BYTES) return 'tooLarge';
  if (file.size === 0) return 'empty';
  if (!(ACCEPTED as readonly string[]).includes(extOf(file.name))) return 'badType';
  if (already.some((p) => p.file.name === file.name && p.file.size === file.size && p.file.lastModified === file.lastModified)) {
    return 'duplicate';
  }
  return null;
}

/** What went wrong with one file, in the clerk's language (the backend's message stays as detail). */
export function importErrorText(t: TFunction, err: unknown): string {
  if (!(err instanceof AppError)) return errorText(t, err);
  const details = err.details ?? {};
  const filename = typeof details['filename'] === 'string' ? details['filename'] : '';
  const reason = typeof details['reason'] === 'string' ? details['reason'] : '';
  const known: Record<string, string> = {
    corrupt_docx: 'intake.import.errors.corrupt',
    corrupt_pdf: 'intake.import.errors.corrupt',
    corrupt_txt: 'intake.import.errors.corrupt',
    pdf_password: 'intake.import.errors.password',
    empty: 'intake.import.errors.empty',
    ole: 'intake.import.errors.legacyDoc',
    binary: 'intake.import.errors.binary',
  };
  const key = known[reason] ?? (err.code === 'TOO_LARGE' ? 'intake.import.errors.tooLarge' : null);
  if (key && filename) return `${t(key, { name: filename })} ${t('intake.import.errors.nothingImported')}`;
  if (filename) return `${t('intake.import.errors.generic', { name: filename })} ${t('errors.detail', { message: err.message })}`;
  return errorText(t, err);
}

/** The backend's notes are English prose; recognise the usual ones. */
function noteText(t: TFunction, note: string): string {
  const m = /^(.+?): Scanned PDF without a text layer \((\d+) page/.exec(note);
  if (m) return t('intake.import.notes.ocr', { name: m[1], pages: m[2] });
  const noText = /^(.+?): The document contains no text/.exec(note);
  if (noText) return t('intake.import.notes.noText', { name: noText[1] });
  if (/^No complaint/.test(note)) return t('intake.import.notes.noComplaint');
  return note;
}

function skippedText(t: TFunction, s: ImportFilingResult['skipped'][number]): string {
  const inCase = /^already in the case file as "(.*)"$/.exec(s.reason);
  if (inCase) return t('intake.import.skippedInCase', { name: s.filename, title: inCase[1] });
  if (s.reason === 'the same file was given twice') return t('intake.import.skippedTwice', { name: s.filename });
  return `${s.filename}: ${s.reason}`;
}

export interface ImportFilingProps {
  /** Import into this draft case; without it a new draft case is created. */
  readonly caseId?: string;
  readonly onDone: (result: ImportFilingResult) => void;
}

export function ImportFiling({ caseId, onDone }: ImportFilingProps) {
  const { t } = useTranslation();
  const importFiling = useImportFiling();
  const [picked, setPicked] = useState<Picked[]>([]);
  const [pasted, setPasted] = useState('');
  const [reading, setReading] = useState<{ done: number; total: number; name: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<ImportFilingResult | null>(null);

  const addFile = (file: File) => {
    setPicked((prev) => {
      const problem = classify(file, prev);
      return [...prev, { key: `${file.name}-${file.size}-${file.lastModified}-${prev.length}`, file, problem }];
    });
  };

  const usable = picked.filter((p) => p.problem === null);
  const busy = reading !== null || importFiling.isPending;
  const canImport = !busy && (usable.length > 0 || pasted.trim() !== '') && usable.length <= MAX_FILES;

  const run = async () => {
    setError(null);
    setResult(null);
    const files: { filename: string; contentBase64: string }[] = [];
    try {
      for (const [i, p] of usable.entries()) {
        setReading({ done: i, total: usable.length, name: p.file.name });
        try {
          files.push({ filename: p.file.name, contentBase64: await readAsBase64(p.file) });
        } catch {
          setError(t('intake.import.errors.unreadable', { name: p.file.name }));
          return;
        }
      }
    } finally {
      setReading(null);
    }
    try {
      const r = await importFiling.mutateAsync({
        ...(caseId !== undefined ? { caseId } : {}),
        files,
        ...(pasted.trim() !== '' ? { pastedText: pasted } : {}),
      });
      setPicked([]);
      setPasted('');
      if (r.notes.length > 0 || r.skipped.length > 0 || r.extraction === null) setResult(r);
      else onDone(r);
    } catch (err) {
      setError(importErrorText(t, err));
    }
  };

  const problemTag = (p: Picked) => {
    if (p.problem === null) return <Tag color="success">{t('intake.import.ready')}</Tag>;
    const text: Record<FileProblem, string> = {
      tooLarge: t('intake.import.problem.tooLarge'),
      badType: t('intake.import.problem.badType'),
      duplicate: t('intake.import.problem.duplicate'),
      empty: t('intake.import.problem.empty'),
    };
    return (
      <Tag color={p.problem === 'duplicate' ? 'default' : 'error'} style={{ whiteSpace: 'normal' }} data-testid="import-file-problem">
        {text[p.problem]}
      </Tag>
    );
  };

  const columns: TableColumnsType<Picked> = [
    {
      key: 'name',
      title: t('intake.import.file'),
      render: (_v, p) => (
        <Space>
          <FileTextOutlined />
          <span>{p.file.name}</span>
        </Space>
      ),
    },
    { key: 'size', title: t('intake.import.size'), width: 110, render: (_v, p) => formatBytes(p.file.size) },
    { key: 'status', title: t('intake.import.status'), width: 260, render: (_v, p) => problemTag(p) },
    {
      key: 'remove',
      width: 60,
      render: (_v, p) => (
        <Button
          type="text"
          size="small"
          icon={<DeleteOutlined />}
          aria-label={t('common.remove')}
          disabled={busy}
          onClick={() => setPicked((prev) => prev.filter((x) => x.key !== p.key))}
        />
      ),
    },
  ];

  if (result !== null) {
    return (
      <Card size="small" data-testid="import-result">
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Alert
            type={result.extraction ? 'success' : 'warning'}
            showIcon
            title={
              result.extraction
                ? t('intake.import.doneWithNotes', { count: result.documents.length })
                : t('intake.import.doneNoExtraction', { count: result.documents.length })
            }
            description={
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {result.notes.map((n) => (
                  <li key={n} data-testid="import-note">
                    {noteText(t, n)}
                  </li>
                ))}
                {result.skipped.map((s) => (
                  <li key={`${s.filename}-${s.reason}`} data-testid="import-skipped">
                    {skippedText(t, s)}
                  </li>
                ))}
              </ul>
            }
          />
          <Button type="primary" onClick={() => onDone(result)} data-testid="import-continue">
            {t('intake.import.continue')}
          </Button>
        </Space>
      </Card>
    );
  }

  return (
    <div data-testid="import-filing">
      <div data-testid="import-dropzone">
      <Upload.Dragger
        multiple
        accept=".docx,.pdf,.txt"
        showUploadList={false}
        disabled={busy}
        beforeUpload={(file) => {
          addFile(file);
          return false;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{t('intake.import.dropText')}</p>
        <p className="ant-upload-hint">{t('intake.import.dropHint')}</p>
      </Upload.Dragger>
      </div>
      {picked.length > 0 && (
        <Table<Picked>
          style={{ marginTop: 12 }}
          rowKey="key"
          size="small"
          pagination={false}
          columns={columns}
          dataSource={picked}
          data-testid="import-files"
        />
      )}
      {usable.length > MAX_FILES && (
        <Alert style={{ marginTop: 12 }} type="error" showIcon title={t('intake.import.tooMany', { max: MAX_FILES })} />
      )}
      <div style={{ marginTop: 16 }}>
        <Typography.Text strong>{t('intake.import.pasteLabel')}</Typography.Text>
        <Input.TextArea
          style={{ marginTop: 6 }}
          value={pasted}
          onChange={(e) => setPasted(e.target.value)}
          autoSize={{ minRows: 3, maxRows: 10 }}
          maxLength={1_000_000}
          placeholder={t('intake.import.pastePlaceholder')}
          disabled={busy}
          data-testid="import-paste"
        />
      </div>
      {reading !== null && (
        <div style={{ marginTop: 12 }} data-testid="import-progress">
          <Typography.Text type="secondary">{t('intake.import.reading', { name: reading.name })}</Typography.Text>
          <Progress percent={Math.round((reading.done / Math.max(1, reading.total)) * 100)} size="small" />
        </div>
      )}
      {importFiling.isPending && (
        <div style={{ marginTop: 12 }} data-testid="import-progress">
          <Typography.Text type="secondary">{t('intake.import.extracting')}</Typography.Text>
          <Progress percent={100} status="active" showInfo={false} size="small" />
        </div>
      )}
      {error !== null && (
        <div style={{ marginTop: 12 }} data-testid="import-error">
          <Alert type="error" showIcon title={error} />
        </div>
      )}
      <Space style={{ marginTop: 16 }}>
        <Button type="primary" disabled={!canImport} loading={busy} onClick={() => void run()} data-testid="import-run">
          {t('intake.import.run')}
        </Button>
        <Typography.Text type="secondary">{t('intake.import.privacy')}</Typography.Text>
      </Space>
    </div>
  );
}
