import { ArrowLeftOutlined, EditOutlined, InboxOutlined, RollbackOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Card, Descriptions, Popconfirm, Result, Skeleton, Space, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import type { CaseDetail } from '../../../../shared/contract/cases';
import { useArchiveCase, useCase, useRestoreCase } from '../../api/hooks';
import { ComingSoon } from '../../ui/EmptyState';
import { errorCode, ErrorAlert, errorText } from '../../ui/errors';
import { joinNames, testId } from '../../ui/format';
import { CaseChat } from '../chat/CaseChat';
import { StageControl } from '../intake/StageControl';
import { LazyBoundary, lazyComponent } from '../../ui/lazy';
import { AuditPanel } from './AuditPanel';
import { IntakeTab } from './IntakeTab';
import { CaseNumber, StageTag } from './labels';

// Each tab is a feature of its own; its chunk is fetched when the tab is first opened.
const ReviewTab = lazyComponent(() => import('../review/ReviewTab').then((m) => m.ReviewTab));
const HearingsTab = lazyComponent(() => import('../hearings/HearingsTab').then((m) => m.HearingsTab));
const MediationTab = lazyComponent(() => import('../mediation/MediationTab').then((m) => m.MediationTab));
const DraftingTab = lazyComponent(() => import('../drafting/DraftingTab').then((m) => m.DraftingTab));
const CasePrecedentsTab = lazyComponent(() => import('../precedents/CasePrecedentsTab').then((m) => m.CasePrecedentsTab));

const TABS = ['intake', 'review', 'hearing', 'mediation', 'drafting', 'precedents'] as const;
type TabKey = (typeof TABS)[number];
type UpcomingTab = Exclude<TabKey, 'intake'>;

function CaseHeader({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const archive = useArchiveCase();
  const restore = useRestoreCase();
  const archived = detail.status === 'archived';
  const plaintiffs = detail.parties.filter((p) => p.role === 'plaintiff').map((p) => p.name);
  const defendants = detail.parties.filter((p) => p.role === 'defendant').map((p) => p.name);
  const thirdParties = detail.parties.filter((p) => p.role === 'third_party').map((p) => p.name);

  const toggleArchive = async () => {
    try {
      if (archived) {
        await restore.mutateAsync({ id: detail.id, version: detail.version });
        void message.success(t('workspace.restored'));
      } else {
        await archive.mutateAsync({ id: detail.id, version: detail.version });
        void message.success(t('workspace.archived'));
      }
    } catch (err) {
      void message.error(errorText(t, err));
    }
  };

  return (
    <Card style={{ marginBottom: 16 }} data-testid="case-header">
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 16, flexWrap: 'wrap' }}>
        <div style={{ minWidth: 0 }}>
          <Space wrap size={8} style={{ marginBottom: 4 }}>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="case-header-number">
              <CaseNumber value={detail.caseNumber} />
            </Typography.Title>
            <StageTag stage={detail.stage} />
            <Tag color={archived ? 'default' : 'green'} data-testid="case-header-status">
              {t(`enums.status.${detail.status}`)}
            </Tag>
          </Space>
          <div style={{ fontSize: 16 }}>
            {detail.causeOfAction && <Typography.Text strong>{detail.causeOfAction}</Typography.Text>}
            {detail.title && <Typography.Text type="secondary" style={{ marginLeft: 8 }}>{detail.title}</Typography.Text>}
          </div>
          {(plaintiffs.length > 0 || defendants.length > 0) && (
            <div style={{ marginTop: 4 }} data-testid="case-header-parties">
              {joinNames(plaintiffs) || t('common.none')} <Typography.Text type="secondary">{t('workspace.vs')}</Typography.Text>{' '}
              {joinNames(defendants) || t('common.none')}
              {thirdParties.length > 0 && (
                <Typography.Text type="secondary">
                  {'　'}
                  {t('enums.role.third_party')}：{joinNames(thirdParties)}
                </Typography.Text>
              )}
            </div>
          )}
        </div>
        <Space wrap>
          <StageControl detail={detail} />
          <CaseChat caseId={detail.id} />
          <Button icon={<EditOutlined />} onClick={() => void navigate(`/cases/${detail.id}/edit`)} disabled={archived} data-testid="case-edit">
            {t('common.edit')}
          </Button>
          <Popconfirm
            title={archived ? t('workspace.restoreConfirm') : t('workspace.archiveConfirm')}
            okText={t('common.ok')}
            cancelText={t('common.cancel')}
            okButtonProps={testId(archived ? 'case-restore-confirm' : 'case-archive-confirm')}
            onConfirm={toggleArchive}
          >
            <Button
              icon={archived ? <RollbackOutlined /> : <InboxOutlined />}
              loading={archive.isPending || restore.isPending}
              data-testid={archived ? 'case-restore' : 'case-archive'}
            >
              {archived ? t('workspace.restore') : t('workspace.archive')}
            </Button>
          </Popconfirm>
        </Space>
      </div>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 4 }}
        style={{ marginTop: 12 }}
        items={[
          { key: 'procedure', label: t('workspace.procedure'), children: detail.procedure ? t(`enums.procedure.${detail.procedure}`) : t('common.none') },
          { key: 'filedOn', label: t('workspace.filedOn'), children: detail.filedOn ?? t('common.none') },
          { key: 'judge', label: t('workspace.judge'), children: detail.judge || t('common.none') },
          { key: 'clerk', label: t('workspace.clerk'), children: detail.clerk || t('common.none') },
        ]}
      />
    </Card>
  );
}

export function CaseWorkspacePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const query = useCase(id);
  const tabParam = params.get('tab');
  const tab: TabKey = (TABS as readonly string[]).includes(tabParam ?? '') ? (tabParam as TabKey) : 'intake';

  const back = (
    <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => void navigate('/cases')} style={{ paddingLeft: 0, marginBottom: 8 }}>
      {t('workspace.backToList')}
    </Button>
  );

  if (query.isPending) return <Skeleton active />;
  if (query.isError) {
    if (errorCode(query.error) === 'NOT_FOUND') {
      return <Result status="404" title={t('workspace.notFound')} extra={back} />;
    }
    return (
      <>
        {back}
        <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />
      </>
    );
  }
  const detail = query.data;
  const upcoming = (key: UpcomingTab) => (
    <ComingSoon
      title={t('workspace.upcomingTitle', { tab: t(`workspace.tabs.${key}`) })}
      body={t(`workspace.upcoming.${key}`)}
      testId={`tab-empty-${key}`}
    />
  );

  return (
    <div data-testid="case-workspace">
      {back}
      <CaseHeader detail={detail} />
      {detail.status === 'archived' && (
        <div style={{ marginBottom: 16 }}>
          <Alert type="info" showIcon title={t('workspace.archivedBanner')} />
        </div>
      )}
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams(key === 'intake' ? {} : { tab: key }, { replace: true })}
          items={TABS.map((key) => ({
            key,
            label: <span data-testid={`tab-${key}`}>{t(`workspace.tabs.${key}`)}</span>,
            children: (
              <LazyBoundary resetKey={key}>
                {key === 'intake' ? <IntakeTab detail={detail} /> : key === 'review' ? <ReviewTab detail={detail} /> : key === 'hearing' ? <HearingsTab detail={detail} /> : key === 'drafting' ? <DraftingTab detail={detail} /> : key === 'precedents' ? <CasePrecedentsTab detail={detail} /> : key === 'mediation' ? <MediationTab caseId={detail.id} /> : upcoming(key)}
              </LazyBoundary>
            ),
          }))}
        />
      </Card>
      <div style={{ marginTop: 16 }}>
        <AuditPanel caseId={detail.id} />
      </div>
    </div>
  );
}
