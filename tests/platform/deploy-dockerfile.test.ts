import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { workspaceFolders } from '../../scripts/build-output.js';
import { repoRoot } from '../support/processes.js';

// Docker cannot run here: these read the Dockerfile as docker build would, stage by stage.
interface Stage {
  name: string;
  from: string;
  lines: string[];
}

const dockerfile = readFileSync(path.join(repoRoot, 'Dockerfile'), 'utf8');
const instructions = dockerfile
  .replace(/\\\n\s*/g, ' ')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith('#'));
const stages: Stage[] = [];
for (const line of instructions) {
  const from = /^FROM (\S+) AS (\S+)$/.exec(line);
  if (from) stages.push({ from: from[1], name: from[2], lines: [] });
  else stages.at(-1)?.lines.push(line);
}
const stage = (name: string) => stages.find((candidate) => candidate.name === name)!;
/** A stage's instructions with those of the stages it is built on, first to last. */
function lineage(name: string): string[] {
  const own = stage(name);
  return stages.some((candidate) => candidate.name === own.from) ? [...lineage(own.from), ...own.lines] : own.lines;
}

const DEPLOYABLES = {
  gateway: 'gateway/src/index.ts',
  animal: 'subgraphs/animal/src/index.ts',
  commerce: 'subgraphs/commerce/src/index.ts',
  research: 'subgraphs/research/src/index.ts',
  user: 'subgraphs/user/src/index.ts',
  migrate: 'scripts/migrate.ts',
};
const buildConfig = JSON.parse(readFileSync(path.join(repoRoot, 'tsconfig.build.json'), 'utf8').replace(/^\s*\/\/.*$/gm, '')) as { files: string[] };

describe('the Dockerfile', () => {
  it('copies only files that exist from the build context', () => {
    const copies = instructions.filter((line) => line.startsWith('COPY ') && !line.includes('--from='));
    expect(copies.length).toBeGreaterThan(9);
    for (const copy of copies) {
      const sources = copy.split(/\s+/).slice(1, -1);
      for (const source of sources) expect(existsSync(path.join(repoRoot, source)), copy).toBe(true);
    }
  });

  it("copies every workspace's package.json before each npm ci, or the lock file would not match", () => {
    const folders = workspaceFolders();
    expect(folders.length).toBeGreaterThan(7);
    for (const name of ['build', 'production-packages']) {
      const lines = lineage(name);
      const beforeInstall = lines.slice(
        0,
        lines.findIndex((line) => line.startsWith('RUN npm ci')),
      );
      for (const folder of folders) expect(beforeInstall, `${name}: ${folder}`).toContain(`COPY ${folder}/package.json ${folder}/`);
    }
  });

  it('installs production packages only into what the images run, and compiles in a stage of its own', () => {
    expect(stage('production-packages').lines.find((line) => line.startsWith('RUN npm ci'))).toContain('--omit=dev');
    // The web app before the deployables: npm run build empties dist/, then copies web/dist into it for the gateway to serve.
    expect(stage('build').lines).toContain('RUN npm run build:web && npm run build');
    const runtime = lineage('runtime');
    expect(runtime.filter((line) => line.startsWith('COPY'))).toEqual([
      'COPY --from=production-packages /app/node_modules ./node_modules',
      'COPY --from=build /app/dist ./',
    ]);
  });

  it.each(Object.entries(DEPLOYABLES))('has a %s target that runs its compiled entry with node as PID 1, as a non-root user', (name, source) => {
    const lines = lineage(name);
    expect(stage(name).from).toBe('runtime');
    const command = JSON.parse(lines.findLast((line) => line.startsWith('CMD '))!.slice(4)) as string[];
    // node itself, not npm or a shell, so SIGTERM reaches the process that stops on it.
    expect(command).toEqual(['node', source.replace(/\.ts$/, '.js')]);
    expect(buildConfig.files).toContain(source);
    const user = lines.findLast((line) => line.startsWith('USER '));
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^USER (root|0)\b/);
    expect(lines).toContain('STOPSIGNAL SIGTERM');
    expect(lines.join('\n')).not.toMatch(/\btsx\b/);
  });

  it('checks liveness on /health for the services and none for the one-off migration', () => {
    for (const name of Object.keys(DEPLOYABLES).filter((candidate) => candidate !== 'migrate')) {
      const healthcheck = lineage(name).findLast((line) => line.startsWith('HEALTHCHECK'));
      expect(healthcheck, name).toContain('/health');
      expect(lineage(name), name).toContainEqual(expect.stringMatching(/^ENV PORT=\d+$/));
    }
    expect(lineage('migrate').findLast((line) => line.startsWith('HEALTHCHECK'))).toBe('HEALTHCHECK NONE');
  });

  it('gives the gateway for a plain docker build (the last stage)', () => {
    expect(stages.at(-1)!.name).toBe('gateway');
  });
});
