/** Headers a page may not set itself (the browser sends them): Content-Length is signed, and the browser sends the file's true length. */
const BROWSER_SET = new Set(['content-length', 'host', 'connection']);

/** The signed headers of a presigned PUT that the page must send itself. */
export function headersToSend(headers: readonly { name: string; value: string }[]): [string, string][] {
  return headers.filter((header) => !BROWSER_SET.has(header.name.toLowerCase())).map((header) => [header.name, header.value]);
}

/**
 * PUTs a file to a presigned URL straight from the browser, reporting the share sent (0 to 1).
 * XMLHttpRequest rather than fetch: only it reports upload progress.
 */
export function putWithProgress(url: string, file: Blob, headers: readonly { name: string; value: string }[], onProgress: (share: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('PUT', url);
    for (const [name, value] of headersToSend(headers)) request.setRequestHeader(name, value);
    request.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    request.onload = () => (request.status >= 200 && request.status < 300 ? resolve() : reject(new Error(`The storage refused the file (HTTP ${request.status}).`)));
    request.onerror = () => reject(new Error('The file could not be sent. Check your connection and try again.'));
    request.send(file);
  });
}
