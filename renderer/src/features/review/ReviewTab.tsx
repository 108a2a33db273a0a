import { Alert, Tabs } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { CaseDetail } from '../../../../shared/contract/cases';
import { CaseFilePanel } from './CaseFilePanel';
import { ElementsPanel } from './ElementsPanel';
import { EvidencePanel } from './EvidencePanel';
import { DocumentReader, ReaderProvider, type ReaderTarget } from './reader';
import { SummaryPanel } from './SummaryPanel';
import { TimelinePanel } from './TimelinePanel';

const SECTIONS = ['file', 'evidence', 'summary', 'timeline', 'elements'] as const;
type Section = (typeof SECTIONS)[number];

/**
 * 阅卷: the case file, evidence catalogue, summaries, timeline, and the element checklist with the
 * disputed points. Every passage shown opens the shared reader at its place in the document.
 */
export function ReviewTab({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [reading, setReading] = useState<ReaderTarget | null>(null);
  const readOnly = detail.status === 'archived';
  const param = params.get('review');
  const section: Section = (SECTIONS as readonly string[]).includes(param ?? '') ? (param as Section) : 'file';
  const open = useCallback((target: ReaderTarget) => setReading(target), []);

  const panel = (key: Section) => {
    switch (key) {
      case 'file':
        return <CaseFilePanel caseId={detail.id} readOnly={readOnly} />;
      case 'evidence':
        return <EvidencePanel caseId={detail.id} parties={detail.parties} documents={detail.documents} readOnly={readOnly} />;
      case 'summary':
        return <SummaryPanel caseId={detail.id} readOnly={readOnly} />;
      case 'timeline':
        return <TimelinePanel caseId={detail.id} readOnly={readOnly} />;
      case 'elements':
        return <ElementsPanel caseId={detail.id} readOnly={readOnly} />;
    }
  };

  return (
    <ReaderProvider value={open}>
      <div data-testid="review-tab">
        {readOnly && <Alert type="info" showIcon title={t('review.readOnly')} style={{ marginBottom: 12 }} />}
        <Tabs
          type="card"
          size="small"
          activeKey={section}
          onChange={(key) =>
            setParams(
              (p) => {
                const next = new URLSearchParams(p);
                next.set('review', key);
                return next;
              },
              { replace: true },
            )
          }
          destroyOnHidden
          items={SECTIONS.map((key) => ({
            key,
            label: <span data-testid={`review-section-${key}`}>{t(`review.tabs.${key}`)}</span>,
            children: panel(key),
          }))}
        />
        <DocumentReader target={reading} onClose={() => setReading(null)} />
      </div>
    </ReaderProvider>
  );
}
