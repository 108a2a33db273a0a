import { App as AntApp, Button, Card, Checkbox, Form, Input, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outcome, type Assessment } from '../../../../shared/contract/mediation';
import { errorText } from '../../ui/errors';
import { formatDateTime } from '../../ui/format';
import { useSetOutcome } from './hooks';

interface FormValues {
  outcome: Outcome;
  mediationAttempted: boolean;
  closedOn: string;
  note: string;
}

/** Recording how a closed case ended: the data the model learns from. */
export function OutcomeCard({ assessment }: { assessment: Assessment }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const save = useSetOutcome();
  const current = assessment.outcome;
  const [editing, setEditing] = useState(current === null);
  const [form] = Form.useForm<FormValues>();

  if (!assessment.canRecordOutcome) {
    return (
      <Card size="small" title={t('mediation.record.title')} data-testid="mediation-outcome">
        <Typography.Text type="secondary">{t('mediation.record.notClosed')}</Typography.Text>
      </Card>
    );
  }

  const submit = async (v: FormValues) => {
    try {
      await save.mutateAsync({
        caseId: assessment.caseId,
        outcome: v.outcome,
        mediationAttempted: v.mediationAttempted,
        closedOn: v.closedOn ? v.closedOn : null,
        note: v.note ?? '',
      });
      void message.success(t('mediation.record.saved'));
      setEditing(false);
    } catch (err) {
      void message.error(errorText(t, err));
    }
  };

  return (
    <Card size="small" title={t('mediation.record.title')} data-testid="mediation-outcome">
      {current && !editing ? (
        <Space wrap>
          <span data-testid="mediation-outcome-current">
            {t('mediation.record.current', {
              outcome: t(`mediation.outcome.${current.outcome}`),
              attempted: current.mediationAttempted ? t('mediation.record.attemptedYes') : t('mediation.record.attemptedNo'),
              by: current.recordedBy,
              at: formatDateTime(current.recordedAt),
            })}
          </span>
          <Button size="small" onClick={() => setEditing(true)} data-testid="mediation-outcome-change">
            {t('mediation.record.change')}
          </Button>
        </Space>
      ) : (
        <>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {t('mediation.record.hint')}
          </Typography.Paragraph>
          <Form<FormValues>
            form={form}
            layout="inline"
            onFinish={(v) => void submit(v)}
            initialValues={{
              outcome: current?.outcome ?? 'mediated',
              mediationAttempted: current?.mediationAttempted ?? true,
              closedOn: current?.closedOn ?? '',
              note: current?.note ?? '',
            }}
            style={{ rowGap: 8 }}
          >
            <Form.Item name="outcome" label={t('mediation.record.outcome')} rules={[{ required: true }]}>
              <Select
                style={{ width: 120 }}
                data-testid="mediation-outcome-select"
                options={Outcome.options.map((o) => ({ value: o, label: t(`mediation.outcome.${o}`) }))}
              />
            </Form.Item>
            <Form.Item name="mediationAttempted" valuePropName="checked">
              <Checkbox data-testid="mediation-outcome-attempted">{t('mediation.record.attempted')}</Checkbox>
            </Form.Item>
            <Form.Item name="closedOn" label={t('mediation.record.closedOn')}>
              <Input type="date" style={{ width: 160 }} />
            </Form.Item>
            <Form.Item name="note" label={t('mediation.record.note')}>
              <Input maxLength={500} style={{ width: 220 }} />
            </Form.Item>
            <Form.Item>
              <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="mediation-outcome-save">
                {t('mediation.record.save')}
              </Button>
            </Form.Item>
          </Form>
        </>
      )}
    </Card>
  );
}
