/**
 * Saves text the API returned as a file, made in the browser: a Blob URL clicked by a temporary link,
 * so nothing is fetched again and nothing leaves the page but the file the user asked for.
 */
export function downloadText(name: string, content: string, type = 'text/plain'): void {
  const url = URL.createObjectURL(new Blob([content], { type: `${type};charset=utf-8` }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // The click has handed the Blob to the download; revoking at once can cancel it in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The MIME type of an exchange file by its name: CSV for .csv, plain text for BLUPF90's space-separated files. */
export function typeOfFile(name: string): string {
  return name.toLowerCase().endsWith('.csv') ? 'text/csv' : 'text/plain';
}
