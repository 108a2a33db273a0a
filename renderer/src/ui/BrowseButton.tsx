import { FolderOpenOutlined } from '@ant-design/icons';
import { App as AntApp, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PickPurpose } from '../../../shared/contract/shell';
import { useShell } from '../api/context';
import { errorText } from './errors';

/**
 * "浏览…" beside a path input: the desktop app's native file/folder dialog. Renders nothing in
 * browser mode, where the path is typed (the page cannot see paths on disk).
 */
export function BrowseButton({
  purpose,
  onPicked,
  disabled,
  testId,
}: {
  purpose: PickPurpose;
  onPicked: (path: string) => void;
  disabled?: boolean;
  testId?: string;
}) {
  const shell = useShell();
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState(false);
  if (!shell) return null;

  const pick = async () => {
    setBusy(true);
    try {
      const r = await shell['shell.pickPath']({ purpose, title: t(`common.pickTitle.${purpose}`) });
      if (r.path !== null) onPicked(r.path);
    } catch (err) {
      void message.error(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Button icon={<FolderOpenOutlined />} onClick={() => void pick()} loading={busy} disabled={disabled} data-testid={testId ?? `browse-${purpose}`}>
      {t('common.browse')}
    </Button>
  );
}
