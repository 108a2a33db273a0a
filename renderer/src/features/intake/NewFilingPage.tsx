import { ArrowLeftOutlined, CalculatorOutlined } from '@ant-design/icons';
import { Button, Card, Steps, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PageTitle } from '../../ui/EmptyState';
import { ImportFiling } from './ImportFiling';
import { STEPS } from './IntakeWizard';

/** 立案登记 from scratch: import the filing; a draft case is created and review continues there. */
export function NewFilingPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <div data-testid="new-filing">
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => void navigate(-1)} style={{ paddingLeft: 0, marginBottom: 8 }}>
        {t('common.back')}
      </Button>
      <PageTitle
        extra={
          <Button icon={<CalculatorOutlined />} onClick={() => void navigate('/intake/tools')} data-testid="open-tools">
            {t('intake.tools.title')}
          </Button>
        }
      >
        {t('intake.newFiling.title')}
      </PageTitle>
      <Card>
        <Steps
          type="navigation"
          size="small"
          current={0}
          style={{ marginBottom: 16 }}
          items={STEPS.map((s) => ({ title: t(`intake.steps.${s}`), disabled: true }))}
        />
        <Typography.Paragraph type="secondary">{t('intake.newFiling.intro')}</Typography.Paragraph>
        <ImportFiling onDone={(r) => void navigate(`/cases/${r.case.id}?step=${r.extraction ? 'review' : 'import'}`)} />
      </Card>
    </div>
  );
}
