import { InboxOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Card, Drawer, Popconfirm, Skeleton, Space, Table, Tag, Tooltip, Typography, Upload } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_DOCUMENT_BYTES, type DocumentMeta } from '../../../../shared/contract/cases';
import { useAddDocument, useDocumentText, useRemoveDocument } from '../../api/hooks';
import { ErrorAlert, errorText } from '../../ui/errors';
import { formatBytes, formatDateTime, testId } from '../../ui/format';

/** Reads a picked or dropped file in the browser: contents cross the boundary as bytes, never as a path. */
export function readAsBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : '';
      const comma = url.indexOf(',');
      resolve(comma >= 0 ? url.slice(comma + 1) : '');
    };
    reader.readAsDataURL(file);
  });
}

function TextNote({ note }: { note: string }) {
  const { t } = useTranslation();
  if (!note) return null;
  // The backend's note is English prose; recognise the common cases so the clerk reads them in their language.
  const text = /ocr/i.test(note) ? t('documents.noteOcr') : /no text/i.test(note) ? t('documents.noteNoText') : note;
  return (
    <Tooltip title={note}>
      <Tag color="warning" style={{ whiteSpace: 'normal' }} data-testid="document-text-note">
        {text}
      </Tag>
    </Tooltip>
  );
}

function DocumentTextDrawer({ doc, onClose }: { doc: DocumentMeta | null; onClose: () => void }) {
  const { t } = useTranslation();
  const text = useDocumentText(doc?.id ?? null);
  return (
    <Drawer
      open={doc !== null}
      onClose={onClose}
      size={720}
      title={doc ? t('documents.textTitle', { name: doc.filename }) : ''}
      destroyOnHidden
    >
      {text.isPending && <Skeleton active />}
      {text.isError && <ErrorAlert error={text.error} onRetry={() => void text.refetch()} />}
      {text.data && (
        <>
          {text.data.meta.textNote && (
            <div style={{ marginBottom: 12 }}>
              <TextNote note={text.data.meta.textNote} />
            </div>
          )}
          {text.data.text ? (
            <pre
              data-testid="document-text"
              style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', fontFamily: 'inherit', fontSize: 14, lineHeight: 1.8 }}
            >
              {text.data.text}
            </pre>
          ) : (
            <Typography.Text type="secondary">{t('documents.noText')}</Typography.Text>
          )}
        </>
      )}
    </Drawer>
  );
}

export function DocumentsPanel({ caseId, documents, readOnly }: { caseId: string; documents: DocumentMeta[]; readOnly: boolean }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const add = useAddDocument();
  const remove = useRemoveDocument();
  const [viewing, setViewing] = useState<DocumentMeta | null>(null);
  const [uploading, setUploading] = useState(0);

  const upload = async (file: File) => {
    if (file.size > MAX_DOCUMENT_BYTES) {
      void message.error(t('documents.tooLarge', { name: file.name }));
      return;
    }
    setUploading((n) => n + 1);
    try {
      let contentBase64: string;
      try {
        contentBase64 = await readAsBase64(file);
      } catch {
        void message.error(t('documents.readFailed', { name: file.name }));
        return;
      }
      await add.mutateAsync({ caseId, filename: file.name, mime: file.type, contentBase64 });
      void message.success(t('documents.uploaded', { name: file.name }));
    } catch (err) {
      void message.error(errorText(t, err));
    } finally {
      setUploading((n) => n - 1);
    }
  };

  const columns: TableColumnsType<DocumentMeta> = [
    {
      key: 'name',
      title: t('documents.name'),
      render: (_v, d) => (
        <Space orientation="vertical" size={2}>
          <span>{d.title || d.filename}</span>
          {d.title && d.title !== d.filename && <Typography.Text type="secondary">{d.filename}</Typography.Text>}
          <TextNote note={d.textNote} />
        </Space>
      ),
    },
    { key: 'size', title: t('documents.size'), dataIndex: 'size', render: (v: number) => formatBytes(v), width: 100 },
    {
      key: 'sha256',
      title: t('documents.sha256'),
      dataIndex: 'sha256',
      width: 130,
      render: (v: string) => (
        <Tooltip title={v}>
          <Typography.Text code>{v.slice(0, 12)}</Typography.Text>
        </Tooltip>
      ),
    },
    {
      key: 'textLength',
      title: t('documents.textLength'),
      dataIndex: 'textLength',
      width: 110,
      render: (v: number) => t('documents.textChars', { count: v }),
    },
    { key: 'createdAt', title: t('documents.addedAt'), dataIndex: 'createdAt', width: 150, render: (v: number) => formatDateTime(v) },
    {
      key: 'actions',
      title: t('documents.actions'),
      width: 170,
      render: (_v, d) => (
        <Space>
          <Button size="small" onClick={() => setViewing(d)} data-testid={`document-view-${d.id}`}>
            {t('documents.viewText')}
          </Button>
          {!readOnly && (
            <Popconfirm
              title={t('documents.removeConfirm')}
              okText={t('common.remove')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: true, ...testId(`document-remove-confirm-${d.id}`) }}
              onConfirm={async () => {
                try {
                  await remove.mutateAsync({ id: d.id });
                  void message.success(t('documents.removed'));
                } catch (err) {
                  void message.error(errorText(t, err));
                }
              }}
            >
              <Button size="small" danger data-testid={`document-remove-${d.id}`}>
                {t('common.remove')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Card title={t('documents.title')} size="small" data-testid="documents-panel">
      {!readOnly && (
        <div style={{ marginBottom: 12 }}>
          <Upload.Dragger
            multiple
            showUploadList={false}
            disabled={uploading > 0}
            // Upload ourselves through the API client; antd's own XHR upload would bypass the contract.
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
            data-testid="document-upload"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('documents.uploadText')}</p>
            <p className="ant-upload-hint">{t('documents.uploadHint')}</p>
          </Upload.Dragger>
        </div>
      )}
      <Table<DocumentMeta>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={documents}
        pagination={false}
        loading={uploading > 0}
        scroll={{ x: 760 }}
        locale={{ emptyText: t('documents.empty') }}
      />
      <DocumentTextDrawer doc={viewing} onClose={() => setViewing(null)} />
    </Card>
  );
}
