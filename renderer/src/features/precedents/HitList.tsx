import { Empty, Pagination, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SearchHit } from '../../../../shared/contract/precedents';
import { PrecedentReader, type ReaderTarget } from './Reader';
import { ResultCard } from './ResultCard';

export const PAGE_SIZE = 10;
/** The backend refuses offsets beyond 500. */
const MAX_OFFSET = 500;

/** Result cards with the reader drawer; paging is optional (the case push shows one page). */
export function HitList({
  hits,
  total,
  page,
  onPage,
  emptyText,
  queryCause,
}: {
  hits: readonly SearchHit[];
  queryCause: string | null;
  total?: number;
  page?: number;
  onPage?: (page: number) => void;
  emptyText: string;
}) {
  const { t } = useTranslation();
  const [reader, setReader] = useState<ReaderTarget | null>(null);
  const pages = total !== undefined ? Math.min(total, MAX_OFFSET + PAGE_SIZE) : 0;
  return (
    <div data-testid="prec-results">
      {hits.length === 0 ? (
        <Empty description={<Typography.Text type="secondary">{emptyText}</Typography.Text>} data-testid="prec-no-results" />
      ) : (
        hits.map((hit) => (
          <ResultCard key={hit.precedent.id} hit={hit} queryCause={queryCause} onOpen={(h, passage) => setReader({ id: h.precedent.id, hit: h, passage })} />
        ))
      )}
      {onPage && page !== undefined && pages > PAGE_SIZE && (
        <Pagination
          align="center"
          current={page}
          pageSize={PAGE_SIZE}
          total={pages}
          showSizeChanger={false}
          onChange={onPage}
          showTotal={(n) => t('common.total', { count: n })}
        />
      )}
      <PrecedentReader target={reader} onClose={() => setReader(null)} />
    </div>
  );
}
