import { useQueryClient } from '@tanstack/react-query';
import { Skeleton } from 'antd';
import { useSearchParams } from 'react-router';
import type { CaseDetail } from '../../../../shared/contract/cases';
import { ErrorAlert } from '../../ui/errors';
import { DraftEditor } from './DraftEditor';
import { DraftList } from './DraftList';
import { draftKeys, useDraft } from './hooks';

function EditorLoader({ draftId, onBack }: { draftId: string; onBack: () => void }) {
  const query = useDraft(draftId);
  if (query.isPending) return <Skeleton active />;
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  return <DraftEditor key={draftId} initial={query.data} onBack={onBack} />;
}

/** The 文书 tab of a case: its drafts, and the editor of one of them (`?tab=drafting&draft=<id>`). */
export function DraftingTab({ detail }: { detail: CaseDetail }) {
  const [params, setParams] = useSearchParams();
  const qc = useQueryClient();
  const draftId = params.get('draft');
  const go = (id: string | null) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (id) next.set('draft', id);
      else next.delete('draft');
      return next;
    });
  if (draftId) {
    return (
      <EditorLoader
        draftId={draftId}
        onBack={() => {
          go(null);
          // The list shows versions and 待补充 counts the editor has changed meanwhile.
          void qc.invalidateQueries({ queryKey: draftKeys.list(detail.id) });
        }}
      />
    );
  }
  return <DraftList detail={detail} onOpen={go} />;
}
