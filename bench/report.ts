import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const REPORT = new URL('../docs/benchmarks.md', import.meta.url);
const HEADER =
  '# Benchmarks\n\nWritten by `npm run bench`; each section is replaced when its benchmark runs again. Speeds are ratios and percentiles measured in one run on a shared, noisy 2-core machine: compare within a section, not across days.\n';

/** Replaces (or appends) one benchmark's section in docs/benchmarks.md, keeping the others. */
export function writeSection(id: string, markdown: string): void {
  const current = existsSync(REPORT) ? readFileSync(REPORT, 'utf8') : HEADER;
  const start = `<!-- bench:${id} -->`;
  const end = `<!-- /bench:${id} -->`;
  const section = `${start}\n${markdown.trim()}\n${end}`;
  const pattern = new RegExp(`${start}[\\s\\S]*?${end}`);
  const next = pattern.test(current) ? current.replace(pattern, section) : `${current.trimEnd()}\n\n${section}\n`;
  writeFileSync(REPORT, next);
}
