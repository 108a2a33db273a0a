import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Col, Collapse, Empty, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { CaseDetail } from '../../../../shared/contract/cases';
import { Authority, type SearchFilters } from '../../../../shared/contract/precedents';
import { ErrorAlert } from '../../ui/errors';
import { AuthorityTag } from './AuthorityTag';
import { percent } from './format';
import { HitList } from './HitList';
import { useLaws, usePrecedentsForCase, usePrecedentStats, useStatutesForCase } from './hooks';
import { QueryInfoPanel } from './QueryInfo';
import { LibraryEmpty } from './SearchTab';
import { ArticleText } from './StatutesTab';

/** The text the precedent page would search with, built like the backend's case query (without documents). */
function caseQuery(detail: CaseDetail): string {
  return [detail.causeOfAction, ...detail.claims.map((c) => c.text), detail.summary].filter((s) => s.trim()).join('\n');
}

function PrecedentPush({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const stats = usePrecedentStats();
  const [authorities, setAuthorities] = useState<Authority[]>([]);
  const filters: SearchFilters = authorities.length ? { authorities } : {};
  const hasLibrary = (stats.data?.count ?? 0) > 0;
  const push = usePrecedentsForCase(detail.id, filters, hasLibrary);

  if (stats.isPending) return <Skeleton active />;
  if (stats.isError) return <ErrorAlert error={stats.error} onRetry={() => void stats.refetch()} />;
  if (!hasLibrary) {
    return (
      <LibraryEmpty
        testId="case-prec-empty"
        title={t('precedents.case.libraryEmpty')}
        body={t('precedents.case.libraryEmptyBody')}
        action={t('precedents.case.goLibrary')}
        onAction={() => void navigate('/precedents?tab=library')}
      />
    );
  }

  const openInSearch = () => {
    const params = new URLSearchParams({ tab: 'search', q: caseQuery(detail) });
    if (detail.causeOfAction) params.set('cause', detail.causeOfAction);
    void navigate(`/precedents?${params.toString()}`);
  };

  const b = push.data?.builtFrom;
  return (
    <div data-testid="case-prec">
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8, flexWrap: 'wrap', marginBottom: 8 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('precedents.case.title')}
        </Typography.Title>
        <Space wrap>
          <Button icon={<ReloadOutlined />} onClick={() => void push.refetch()} loading={push.isFetching} data-testid="case-prec-refresh">
            {t('precedents.case.refresh')}
          </Button>
          <Button icon={<SearchOutlined />} onClick={openInSearch} data-testid="case-prec-open-search">
            {t('precedents.case.openInSearch')}
          </Button>
        </Space>
      </div>
      {b && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 8 }}
          data-testid="case-prec-built-from"
          title={t('precedents.case.builtFrom', {
            cause: b.cause || t('precedents.case.noCause'),
            claims: b.claims,
            summary: b.summaryChars,
            documents: b.documents,
            chars: b.queryChars,
          })}
        />
      )}
      <div style={{ display: 'flex', alignItems: 'center', gap: 8, flexWrap: 'wrap', marginBottom: 8 }}>
        <Typography.Text type="secondary">{t('precedents.search.authorities')}</Typography.Text>
        <Checkbox.Group value={authorities} onChange={(v) => setAuthorities(v as Authority[])} data-testid="case-prec-authority">
          {Authority.options.map((a) => (
            <Checkbox key={a} value={a}>
              <AuthorityTag level={a} />
            </Checkbox>
          ))}
        </Checkbox.Group>
      </div>
      {push.isError && <ErrorAlert error={push.error} onRetry={() => void push.refetch()} />}
      {push.isPending && <Skeleton active />}
      {push.data && (
        <>
          {push.data.queryInfo.note && <Alert type="warning" showIcon title={push.data.queryInfo.note} style={{ marginBottom: 8 }} />}
          <Collapse
            size="small"
            style={{ marginBottom: 12 }}
            items={[
              {
                key: 'info',
                label: (
                  <span data-testid="case-prec-query-toggle">
                    {t('precedents.queryInfo.title')}
                    <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
                      {t('precedents.search.results', { total: push.data.total, ms: Math.round(push.data.tookMs) })}
                    </Typography.Text>
                  </span>
                ),
                children: <QueryInfoPanel info={{ ...push.data.queryInfo, note: null }} />,
              },
            ]}
          />
          <HitList hits={push.data.items} emptyText={t('precedents.search.noResults')} queryCause={push.data.builtFrom.cause || null} />
        </>
      )}
    </div>
  );
}

function StatutePush({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const laws = useLaws('');
  const hasLaws = (laws.data?.items.length ?? 0) > 0;
  const push = useStatutesForCase(detail.id, hasLaws);
  return (
    <Card size="small" title={t('precedents.case.statutesTitle')} data-testid="case-statutes">
      {laws.isPending && <Skeleton active />}
      {laws.isError && <ErrorAlert error={laws.error} onRetry={() => void laws.refetch()} />}
      {laws.data && !hasLaws && (
        <Empty
          data-testid="case-statutes-empty"
          description={
            <Space orientation="vertical" size={4}>
              <Typography.Text strong>{t('precedents.case.statutesEmpty')}</Typography.Text>
              <Typography.Text type="secondary">{t('precedents.case.statutesEmptyBody')}</Typography.Text>
            </Space>
          }
        >
          <Button onClick={() => void navigate('/precedents?tab=statutes')} data-testid="case-statutes-empty-action">
            {t('precedents.case.goStatutes')}
          </Button>
        </Empty>
      )}
      {push.isError && <ErrorAlert error={push.error} onRetry={() => void push.refetch()} />}
      {hasLaws && push.isPending && <Skeleton active />}
      {push.data && (
        <>
          <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
            {t('precedents.case.statutesCause', { cause: push.data.cause || t('precedents.case.noCause') })}
          </Typography.Paragraph>
          {push.data.items.length === 0 && <Typography.Text type="secondary">{t('precedents.case.statutesNone')}</Typography.Text>}
          {push.data.items.map((item) => (
            <div
              key={`${item.article.lawId}-${item.article.number}-${item.article.sub}`}
              style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}
              data-testid="case-statute-item"
            >
              <Space size={6} wrap style={{ marginBottom: 2 }}>
                <Tag color="blue" style={{ marginInlineEnd: 0 }}>
                  {t('precedents.case.score', { score: percent(item.score) })}
                </Tag>
                {item.reasons.map((r) => (
                  <Typography.Text key={r} type="secondary" style={{ fontSize: 12 }}>
                    {r}
                  </Typography.Text>
                ))}
              </Space>
              <ArticleText article={item.article} />
            </div>
          ))}
        </>
      )}
    </Card>
  );
}

/** The case workspace's 类案 tab: precedents and articles pushed from the case's cause and facts. */
export function CasePrecedentsTab({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  return (
    <div data-testid="case-precedents-tab">
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <PrecedentPush detail={detail} />
        </Col>
        <Col xs={24} xl={8}>
          <StatutePush detail={detail} />
        </Col>
      </Row>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 12, marginBottom: 0 }}>
        {t('precedents.case.reference')}
      </Typography.Paragraph>
    </div>
  );
}
