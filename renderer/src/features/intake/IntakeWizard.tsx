import { Skeleton, Steps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { CaseDetail } from '../../../../shared/contract/cases';
import { ErrorAlert } from '../../ui/errors';
import { CheckStep } from './CheckPanel';
import { ExtractionReview } from './ExtractionReview';
import { useExtraction } from './hooks';
import { ImportFiling } from './ImportFiling';
import { RegisterStep } from './Registration';

export const STEPS = ['import', 'review', 'check', 'register'] as const;
export type Step = (typeof STEPS)[number];

function isStep(s: string | null): s is Step {
  return (STEPS as readonly string[]).includes(s ?? '');
}

/** 立案登记 for a draft case: import → review the extraction → cause and completeness → register. */
export function IntakeWizard({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const extraction = useExtraction(detail.id);
  const archived = detail.status === 'archived';

  if (extraction.isPending) return <Skeleton active />;
  if (extraction.isError) return <ErrorAlert error={extraction.error} onRetry={() => void extraction.refetch()} />;

  const hasExtraction = extraction.data !== null;
  const applied = detail.parties.length > 0;
  const fallback: Step = !hasExtraction && detail.parties.length === 0 ? 'import' : hasExtraction && !applied ? 'review' : 'check';
  const requested = params.get('step');
  const step: Step = isStep(requested) ? requested : fallback;
  const go = (next: Step) =>
    setParams(
      (prev) => {
        const p = new URLSearchParams(prev);
        p.set('step', next);
        return p;
      },
      { replace: true },
    );

  const done = (s: Step): boolean =>
    s === 'import' ? hasExtraction || detail.documents.length > 0 : s === 'review' ? applied : s === 'check' ? detail.causeOfAction !== '' : false;

  return (
    <div data-testid="intake-wizard">
      <Steps
        type="navigation"
        size="small"
        current={STEPS.indexOf(step)}
        onChange={(i) => {
          const s = STEPS[i];
          if (s) go(s);
        }}
        style={{ marginBottom: 16 }}
        items={STEPS.map((s) => ({
          title: <span data-testid={`step-${s}`}>{t(`intake.steps.${s}`)}</span>,
          status: s === step ? 'process' : done(s) ? 'finish' : 'wait',
          disabled: archived && s !== 'review' && s !== 'check',
        }))}
      />
      {step === 'import' && (
        <ImportFiling caseId={detail.id} onDone={(r) => go(r.extraction ? 'review' : 'import')} />
      )}
      {step === 'review' && <ExtractionReview detail={detail} onApplied={() => go('check')} onImport={() => go('import')} />}
      {step === 'check' && <CheckStep detail={detail} onNext={() => go('register')} />}
      {step === 'register' && <RegisterStep detail={detail} />}
    </div>
  );
}
