import { Card, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageTitle } from '../../ui/EmptyState';
import { LibraryTab } from './LibraryTab';
import { SearchTab } from './SearchTab';
import { StatutesTab } from './StatutesTab';

const TABS = ['search', 'library', 'statutes'] as const;
type TabKey = (typeof TABS)[number];

/** 类案与法条: precedent search with reasons, the judgment library (import, history, index), statutes. */
export function PrecedentsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tabParam = params.get('tab');
  const tab: TabKey = (TABS as readonly string[]).includes(tabParam ?? '') ? (tabParam as TabKey) : 'search';
  const initialQuery = params.get('q') ?? '';
  const initialCause = params.get('cause') ?? '';
  // The incoming query (q, cause) is kept while switching tabs, so the search is still there on return.
  const go = (key: string) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (key === 'search') next.delete('tab');
        else next.set('tab', key);
        return next;
      },
      { replace: true },
    );

  return (
    <div data-testid="precedents-page">
      <PageTitle>{t('precedents.title')}</PageTitle>
      <Card>
        <Tabs
          activeKey={tab}
          onChange={go}
          items={TABS.map((key) => ({
            key,
            label: <span data-testid={`precedents-tab-${key}`}>{t(`precedents.tabs.${key}`)}</span>,
            children:
              key === 'search' ? (
                // Keyed by the incoming query, so "open in search" from a case starts a fresh search.
                <SearchTab key={`${initialQuery}|${initialCause}`} onGoLibrary={() => go('library')} initialQuery={initialQuery} initialCause={initialCause} />
              ) : key === 'library' ? (
                <LibraryTab />
              ) : (
                <StatutesTab />
              ),
          }))}
        />
      </Card>
    </div>
  );
}
