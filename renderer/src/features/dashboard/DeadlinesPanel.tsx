import { AlertOutlined } from '@ant-design/icons';
import { Card, Empty, Skeleton, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../ui/errors';
import { DeadlineTable } from '../intake/FeeDeadlineViews';
import { useDeadlineList } from '../intake/hooks';

/** 期限提醒: what is overdue and what falls due within 3 days, across all cases. */
export function DeadlinesPanel() {
  const { t } = useTranslation();
  const list = useDeadlineList({ dueWithinDays: 3, includeOverdue: true });
  const items = list.data?.items ?? [];
  const overdue = items.filter((d) => d.urgency === 'overdue').length;
  const soon = items.length - overdue;
  return (
    <Card
      title={
        <Space>
          <AlertOutlined style={{ color: overdue > 0 ? '#cf1322' : '#d48806' }} />
          {t('intake.dashboard.title')}
          {overdue > 0 && (
            <Tag color="error" data-testid="deadlines-overdue-count">
              {t('intake.dashboard.overdue', { count: overdue })}
            </Tag>
          )}
          {soon > 0 && (
            <Tag color="orange" data-testid="deadlines-soon-count">
              {t('intake.dashboard.soon', { count: soon })}
            </Tag>
          )}
        </Space>
      }
      extra={<Link to="/intake/tools">{t('intake.tools.title')}</Link>}
      style={{ marginBottom: 16 }}
      data-testid="deadlines-panel"
    >
      {list.isPending ? (
        <Skeleton active />
      ) : list.isError ? (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('intake.dashboard.empty')} />
      ) : (
        <DeadlineTable items={items} showCase />
      )}
    </Card>
  );
}
