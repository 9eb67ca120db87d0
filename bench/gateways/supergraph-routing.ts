import { readFileSync } from 'node:fs';

export type SubgraphTargets = Record<'animal' | 'commerce' | 'research' | 'user', string>;

/** The committed supergraph with each subgraph's URL replaced, for gateways that route by the URLs in the file. */
export function routedSupergraph(targets: SubgraphTargets): string {
  const sdl = readFileSync(new URL('../../schema/supergraph.graphql', import.meta.url), 'utf8');
  return sdl.replace(/@join__graph\(name: "(\w+)", url: "[^"]*"\)/g, (whole, name: string) =>
    name in targets ? `@join__graph(name: "${name}", url: "${targets[name as keyof SubgraphTargets]}")` : whole,
  );
}

/** What the benchmark hands each comparison gateway process (they read it from the environment). */
export function targetsFromEnv(): { port: number; targets: SubgraphTargets } {
  return { port: Number(process.env.PORT), targets: JSON.parse(process.env.SUBGRAPH_TARGETS!) as SubgraphTargets };
}
