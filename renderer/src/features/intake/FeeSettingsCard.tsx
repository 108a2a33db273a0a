import { App as AntApp, Button, Card, Form, InputNumber, Select, Skeleton, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { FEE_RANGES, type FeeSettings } from '../../../../shared/rules/fees';
import { applyIssuesToForm, ErrorAlert } from '../../ui/errors';
import { useFeeSettings, useUpdateFeeSettings } from './hooks';
import { useLang } from './format';

type RangeKey = keyof typeof FEE_RANGES;

/** The article each range-valued item comes from (诉讼费用交纳办法), shown beside its range. */
const ARTICLE: Readonly<Record<RangeKey, string>> = {
  divorceBase: '第13条第2项',
  personalityBase: '第13条第2项',
  otherNonPropertyBase: '第13条第2项',
  ipNoAmountBase: '第13条第3项',
  jurisdictionObjectionFee: '第13条第6项',
  enforcementNoAmountFee: '第14条第1项',
};
const RANGE_KEYS = Object.keys(FEE_RANGES) as RangeKey[];

/** The form holds yuan (what a clerk reads in the Measures); the backend stores fen. */
type FormValues = Omit<FeeSettings, RangeKey> & Record<RangeKey, number>;

const toForm = (s: FeeSettings): FormValues => ({
  ...s,
  ...Object.fromEntries(RANGE_KEYS.map((k) => [k, s[k] / 100])),
}) as FormValues;

const toSettings = (v: FormValues): FeeSettings => ({
  ...v,
  ...Object.fromEntries(RANGE_KEYS.map((k) => [k, Math.round(v[k] * 100)])),
}) as FeeSettings;

/** 诉讼费设置: the province-set per-case amounts (within the statutory ranges) and the rounding rule. */
export function FeeSettingsCard() {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = AntApp.useApp();
  const current = useFeeSettings();
  const update = useUpdateFeeSettings();
  const [form] = Form.useForm<FormValues>();

  const save = async (values: FormValues) => {
    try {
      await update.mutateAsync(toSettings(values));
      void message.success(t('intake.feeSettings.saved'));
    } catch (err) {
      // The backend paths (divorceBase, rounding.mode) are the form names; the alert below shows the message too.
      applyIssuesToForm(t, lang, form, err, (path) => path);
    }
  };

  return (
    <Card title={t('intake.feeSettings.title')} size="small" style={{ marginBottom: 16 }} data-testid="fee-settings">
      <Typography.Paragraph type="secondary">{t('intake.feeSettings.intro')}</Typography.Paragraph>
      {current.isPending && <Skeleton active />}
      {current.isError && <ErrorAlert error={current.error} onRetry={() => void current.refetch()} />}
      {current.data && (
        <Form<FormValues> form={form} layout="vertical" initialValues={toForm(current.data.settings)} onFinish={(v) => void save(v)}>
          {current.data.isDefault && <Typography.Paragraph type="secondary">{t('intake.feeSettings.isDefault')}</Typography.Paragraph>}
          {RANGE_KEYS.map((k) => {
            const [lo, hi] = FEE_RANGES[k];
            return (
              <Form.Item
                key={k}
                name={k}
                label={t(`intake.feeSettings.${k}`)}
                extra={t('intake.feeSettings.range', { lo: lo / 100, hi: hi / 100, article: ARTICLE[k] })}
                rules={[{ required: true }, { type: 'number', min: lo / 100, max: hi / 100 }]}
              >
                <InputNumber min={lo / 100} max={hi / 100} precision={2} step={10} addonAfter="元" style={{ width: 200 }} data-testid={`fee-${k}`} />
              </Form.Item>
            );
          })}
          <Form.Item name="smallClaimsHalved" label={t('intake.feeSettings.smallClaimsHalved')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Typography.Text strong>{t('intake.feeSettings.rounding')}</Typography.Text>
          <Form.Item name={['rounding', 'unit']} label={t('intake.feeSettings.unit.label')}>
            <Select style={{ width: 200 }} options={(['fen', 'yuan'] as const).map((v) => ({ value: v, label: t(`intake.feeSettings.unit.${v}`) }))} />
          </Form.Item>
          <Form.Item name={['rounding', 'mode']} label={t('intake.feeSettings.mode.label')}>
            <Select
              style={{ width: 200 }}
              options={(['half-up', 'down', 'up'] as const).map((v) => ({ value: v, label: t(`intake.feeSettings.mode.${v}`) }))}
            />
          </Form.Item>
          <Form.Item name={['rounding', 'stage']} label={t('intake.feeSettings.stage.label')}>
            <Select
              style={{ width: 320 }}
              options={(['final', 'before-halving'] as const).map((v) => ({ value: v, label: t(`intake.feeSettings.stage.${v}`) }))}
            />
          </Form.Item>
          {update.isError && <ErrorAlert error={update.error} />}
          <Button type="primary" htmlType="submit" loading={update.isPending} data-testid="fee-settings-save">
            {t('intake.feeSettings.save')}
          </Button>
        </Form>
      )}
    </Card>
  );
}
