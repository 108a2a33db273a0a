import { CheckSquareOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Skeleton, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Task } from '../../../../shared/contract/tasks';
import { useApi } from '../../api/context';
import { ErrorAlert } from '../../ui/errors';
import { formatArticle, pick, useLang } from '../intake/format';

// Under 'cases' so every `cases.changed` push (service recorded, hearing saved, extension approved) refreshes it.
const tasksKey = ['cases', 'tasks'] as const;

const SEVERITY_COLOR: Readonly<Record<Task['severity'], string>> = { overdue: 'error', 'due-soon': 'orange', upcoming: 'blue' };

/** Notices are handled on the 庭审 tab; service and extensions on the 立案 tab, where they are recorded. */
function tabOf(task: Task): 'intake' | 'hearing' {
  return task.kind === 'hearing-notice' ? 'hearing' : 'intake';
}

function TaskRow({ task }: { task: Task }) {
  const { t } = useTranslation();
  const lang = useLang();
  const when =
    task.daysLeft < 0 ? t('tasks.overdueBy', { count: -task.daysLeft }) : task.daysLeft === 0 ? t('tasks.dueToday') : t('tasks.dueIn', { count: task.daysLeft });
  const tab = tabOf(task);
  return (
    <div
      data-testid={`task-${task.id}`}
      data-severity={task.severity}
      style={{ display: 'flex', gap: 16, alignItems: 'flex-start', padding: '10px 0', borderBottom: '1px solid rgba(5, 5, 5, 0.06)' }}
    >
      <div style={{ minWidth: 0, flex: 1 }}>
        <Space size={6} wrap style={{ marginBottom: 4 }}>
          <Tag color={SEVERITY_COLOR[task.severity]} data-testid="task-when" style={{ marginInlineEnd: 0 }}>
            {when}
          </Tag>
          <Typography.Text strong>{pick(task.title, lang)}</Typography.Text>
          <Link to={`/cases/${task.caseId}?tab=${tab}`} data-testid={`task-case-${task.id}`}>
            {task.caseNumber || t('cases.draft')}
          </Link>
          <Typography.Text type="secondary" ellipsis style={{ maxWidth: 320 }}>
            {task.caseTitle}
          </Typography.Text>
          <Typography.Text type="secondary">{t('tasks.dueOn', { date: task.due })}</Typography.Text>
        </Space>
        <div>{pick(task.text, lang)}</div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="task-article">
          {t('tasks.basis')}：{formatArticle(task.article, lang)}
        </Typography.Text>
      </div>
      <Link to={`/cases/${task.caseId}?tab=${tab}`} data-testid={`task-open-${task.id}`} style={{ whiteSpace: 'nowrap' }}>
        {tab === 'hearing' ? t('tasks.openHearing') : t('tasks.openIntake')}
      </Link>
    </div>
  );
}

/** 待办事项: the actions the rules require before a deadline bites, soonest (overdue) first. */
export function TasksCard() {
  const { t } = useTranslation();
  const api = useApi();
  const list = useQuery({ queryKey: tasksKey, queryFn: () => api['tasks.list']({}) });
  const items = list.data?.items ?? [];
  const overdue = items.filter((x) => x.severity === 'overdue').length;
  const soon = items.filter((x) => x.severity === 'due-soon').length;
  return (
    <Card
      title={
        <Space wrap>
          <CheckSquareOutlined style={{ color: overdue > 0 ? '#cf1322' : '#1677ff' }} />
          {t('tasks.title')}
          {items.length > 0 && <Tag data-testid="tasks-total">{t('tasks.total', { count: items.length })}</Tag>}
          {overdue > 0 && (
            <Tag color="error" data-testid="tasks-overdue-count">
              {t('tasks.overdue', { count: overdue })}
            </Tag>
          )}
          {soon > 0 && (
            <Tag color="orange" data-testid="tasks-soon-count">
              {t('tasks.soon', { count: soon })}
            </Tag>
          )}
        </Space>
      }
      style={{ marginBottom: 16 }}
      data-testid="tasks-card"
    >
      {list.isPending ? (
        <Skeleton active />
      ) : list.isError ? (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <>
          {items.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tasks.empty')} data-testid="tasks-empty" />
          ) : (
            <div style={{ marginTop: -10, marginBottom: 8 }} data-testid="tasks-list">
              {items.map((task) => (
                <TaskRow key={task.id} task={task} />
              ))}
            </div>
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('tasks.scope', { days: list.data.extensionReminderDays })}
          </Typography.Text>
        </>
      )}
    </Card>
  );
}
