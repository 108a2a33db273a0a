import { DownOutlined, NodeIndexOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Dropdown, Input, Modal, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, CaseStage } from '../../../../shared/contract/cases';
import { errorText } from '../../ui/errors';
import { testId } from '../../ui/format';
import { TRANSITIONS } from '../../../../shared/rules/lifecycle';
import { useTransition } from './hooks';

/** The allowed moves come from shared/rules, the same table the backend enforces. */
export const NEXT_STAGES = TRANSITIONS;

export function StageControl({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const transition = useTransition();
  const [target, setTarget] = useState<CaseStage | null>(null);
  const [note, setNote] = useState('');
  const next = NEXT_STAGES[detail.stage];
  const draft = detail.caseNumber === '';
  const disabled = draft || detail.status === 'archived' || next.length === 0;

  const submit = async () => {
    if (target === null) return;
    try {
      await transition.mutateAsync({ id: detail.id, version: detail.version, to: target, note: note.trim() });
      void message.success(t('intake.stage.moved', { stage: t(`enums.stage.${target}`) }));
      setTarget(null);
      setNote('');
    } catch (err) {
      void message.error(errorText(t, err));
    }
  };

  const button = (
    <Button icon={<NodeIndexOutlined />} disabled={disabled} data-testid="stage-control">
      {t('intake.stage.move')} <DownOutlined />
    </Button>
  );

  return (
    <>
      {disabled ? (
        <Tooltip title={draft ? t('intake.stage.draftHint') : next.length === 0 ? t('intake.stage.final') : t('workspace.archivedBanner')}>
          <span>{button}</span>
        </Tooltip>
      ) : (
        <Dropdown
          trigger={['click']}
          menu={{
            items: next.map((s) => ({
              key: s,
              label: <span data-testid={`stage-to-${s}`}>{t('intake.stage.to', { stage: t(`enums.stage.${s}`) })}</span>,
            })),
            onClick: ({ key }) => setTarget(key as CaseStage),
          }}
        >
          {button}
        </Dropdown>
      )}
      <Modal
        open={target !== null}
        title={target ? t('intake.stage.confirmTitle', { from: t(`enums.stage.${detail.stage}`), to: t(`enums.stage.${target}`) }) : ''}
        okText={t('common.ok')}
        cancelText={t('common.cancel')}
        okButtonProps={{ loading: transition.isPending, ...testId('stage-confirm') }}
        onOk={() => void submit()}
        onCancel={() => setTarget(null)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('intake.stage.noteHelp')}</Typography.Paragraph>
        <Input.TextArea value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} autoSize={{ minRows: 2, maxRows: 5 }} placeholder={t('intake.stage.notePlaceholder')} />
      </Modal>
    </>
  );
}
