import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Drawer, Empty, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../ui/errors';
import { useRooms, useSetRooms } from '../hearings/hooks';

interface Row {
  key: number;
  name: string;
  note: string;
}

/** The court's courtrooms (hearings.rooms.set): offered when scheduling, used to filter the calendar. */
export function RoomsEditor({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Drawer open={open} onClose={onClose} size={560} title={t('calendar.roomsEditor.title')} destroyOnHidden>
      {open && <RoomsForm onClose={onClose} />}
    </Drawer>
  );
}

function RoomsForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const rooms = useRooms();
  const setRooms = useSetRooms();
  const [rows, setRows] = useState<Row[] | null>(null);
  const [seq, setSeq] = useState(1000);
  const current: Row[] = rows ?? (rooms.data?.rooms ?? []).map((r, i) => ({ key: i, name: r.name, note: r.note }));
  const edit = (fn: (r: Row[]) => Row[]) => setRows(fn(current));
  const names = current.map((r) => r.name.trim());
  const dup = names.find((n, i) => n !== '' && names.indexOf(n) !== i);
  const blank = current.some((r) => r.name.trim() === '');

  const save = async () => {
    try {
      await setRooms.mutateAsync({ rooms: current.map((r) => ({ name: r.name.trim(), note: r.note.trim() })) });
      void message.success(t('calendar.roomsEditor.saved'));
      onClose();
    } catch (err) {
      void message.error(errorText(t, err));
    }
  };

  return (
    <div data-testid="rooms-editor" style={{ display: 'grid', gap: 12 }}>
      <Typography.Text type="secondary">{t('calendar.roomsEditor.intro')}</Typography.Text>
      {current.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('calendar.roomsEditor.empty')} />}
      {current.map((r, i) => (
        <Space.Compact key={r.key} style={{ width: '100%' }}>
          <Input
            value={r.name}
            placeholder={t('calendar.roomsEditor.namePlaceholder')}
            onChange={(e) => edit((rs) => rs.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))}
            style={{ width: '40%' }}
            maxLength={100}
            status={r.name.trim() === '' || (dup !== undefined && r.name.trim() === dup) ? 'error' : undefined}
            data-testid={`room-name-${i}`}
            aria-label={t('calendar.roomsEditor.name')}
          />
          <Input
            value={r.note}
            placeholder={t('calendar.roomsEditor.notePlaceholder')}
            onChange={(e) => edit((rs) => rs.map((x, j) => (j === i ? { ...x, note: e.target.value } : x)))}
            maxLength={200}
            aria-label={t('calendar.roomsEditor.note')}
          />
          <Button icon={<DeleteOutlined />} onClick={() => edit((rs) => rs.filter((_, j) => j !== i))} aria-label={t('calendar.roomsEditor.remove')} />
        </Space.Compact>
      ))}
      <Button
        type="dashed"
        icon={<PlusOutlined />}
        onClick={() => {
          setSeq((s) => s + 1);
          edit((rs) => [...rs, { key: seq, name: '', note: '' }]);
        }}
        data-testid="room-add"
      >
        {t('calendar.roomsEditor.add')}
      </Button>
      {dup !== undefined && <Alert type="error" showIcon title={t('calendar.roomsEditor.duplicate')} />}
      {blank && <Alert type="warning" showIcon title={t('calendar.roomsEditor.nameRequired')} />}
      <Space>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button type="primary" onClick={() => void save()} loading={setRooms.isPending} disabled={dup !== undefined || blank || rows === null} data-testid="rooms-save">
          {t('common.save')}
        </Button>
      </Space>
    </div>
  );
}
