import dayjs from 'dayjs';

export function formatDateTime(epochMs: number): string {
  return dayjs(epochMs).format('YYYY-MM-DD HH:mm');
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Party names as a court writes a list of them. */
export function joinNames(names: readonly string[]): string {
  return names.join('、');
}

/**
 * `data-testid` for props objects (e.g. a Popconfirm's okButtonProps) whose types do not list data-*
 * attributes, which JSX would otherwise accept directly.
 */
export function testId(id: string): Record<`data-${string}`, string> {
  return { 'data-testid': id };
}
