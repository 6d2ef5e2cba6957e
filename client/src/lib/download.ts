/** Saving a file from the browser: one place for the object-URL dance. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  downloadUrl(url, fileName);
  // Revoke later: some browsers start the download asynchronously.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * A PNG (as a data URL) of an element as it is laid out, at twice its pixels, on the page's background, less its
 * buttons and tools (`data-no-export`); with `margin`, that much of the background around it. An element with a
 * margin should not let its children's margins collapse through it (`display: flow-root`): its size would leave
 * them out.
 */
export async function elementPng(element: HTMLElement, margin = 0): Promise<string> {
  // Loaded on demand: the wall display never pays for it.
  const { toPng } = await import('html-to-image');
  const backgroundColor = getComputedStyle(document.body).backgroundColor;
  const filter = (node: Node) => !(node instanceof HTMLElement && node.dataset.noExport !== undefined);
  if (margin === 0) return toPng(element, { backgroundColor, pixelRatio: 2, filter });
  return toPng(element, {
    backgroundColor, pixelRatio: 2, filter,
    width: element.offsetWidth + 2 * margin,
    height: element.offsetHeight + 2 * margin,
    style: { padding: `${margin}px`, margin: '0', boxSizing: 'border-box' },
  });
}

export function downloadUrl(url: string, fileName: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
}
