/**
 * Hands exported bytes to the browser as a download (a Blob and a temporary <a download>).
 * In browser mode this is the only way to save a file; the desktop shell will later offer a
 * native save dialog through the bridge instead.
 */
export function downloadBase64(filename: string, mime: string, base64: string, doc: Document = document): void {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const blob = new Blob([bytes], { type: mime });
  const url = URL.createObjectURL(blob);
  const a = doc.createElement('a');
  a.href = url;
  a.download = filename;
  a.style.display = 'none';
  doc.body.appendChild(a);
  a.click();
  a.remove();
  // Chromium reads the blob asynchronously after click(); revoke a little later.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
