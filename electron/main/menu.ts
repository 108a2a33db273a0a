/**
 * A minimal application menu. The edit roles matter even when hidden: on macOS the clipboard
 * shortcuts (⌘C/⌘V) only work through menu roles. DevTools only outside packaged builds.
 */
import { Menu, type MenuItemConstructorOptions } from 'electron';

export function installMenu(devTools: boolean): void {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    { label: '文件', submenu: [isMac ? { role: 'close', label: '关闭窗口' } : { role: 'quit', label: '退出' }] },
    {
      label: '编辑',
      submenu: [
        { role: 'undo', label: '撤销' },
        { role: 'redo', label: '重做' },
        { type: 'separator' },
        { role: 'cut', label: '剪切' },
        { role: 'copy', label: '复制' },
        { role: 'paste', label: '粘贴' },
        { role: 'selectAll', label: '全选' },
      ],
    },
    {
      label: '视图',
      submenu: [
        { role: 'resetZoom', label: '实际大小' },
        { role: 'zoomIn', label: '放大' },
        { role: 'zoomOut', label: '缩小' },
        { type: 'separator' },
        { role: 'togglefullscreen', label: '全屏' },
        ...(devTools
          ? [{ type: 'separator' as const }, { role: 'reload' as const, label: '重新加载' }, { role: 'toggleDevTools' as const, label: '开发者工具' }]
          : []),
      ],
    },
    { label: '窗口', submenu: [{ role: 'minimize', label: '最小化' }, ...(isMac ? [{ role: 'zoom' as const, label: '缩放' }] : [])] },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
