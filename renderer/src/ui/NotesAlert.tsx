import { Alert } from 'antd';

/** What an analysis or import wants the user to know, as a list under one title; nothing when empty. */
export function NotesAlert({ title, notes, testId }: { title: string; notes: readonly string[]; testId?: string }) {
  if (notes.length === 0) return null;
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 12 }}
      title={title}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {notes.map((n, i) => (
            <li key={i}>{n}</li>
          ))}
        </ul>
      }
      data-testid={testId}
    />
  );
}
