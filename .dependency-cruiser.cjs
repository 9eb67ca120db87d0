/** What must never depend on what: the deployables meet only through GraphQL, packages/platform and packages/contracts. */
const SUBGRAPH_MODULE = '^subgraphs/([^/]+)/src/modules/([^/]+)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cross-subgraph',
      comment: 'A subgraph reaches another only over GraphQL (or through packages/contracts), so each deploys alone.',
      severity: 'error',
      from: { path: '^subgraphs/([^/]+)/' },
      to: { path: '^subgraphs/', pathNot: '^subgraphs/$1/' },
    },
    {
      name: 'no-subgraph-to-gateway',
      comment: 'The gateway calls the subgraphs, never the other way round.',
      severity: 'error',
      from: { path: '^subgraphs/' },
      to: { path: '^gateway/' },
    },
    {
      name: 'no-gateway-to-subgraph',
      comment: 'The gateway knows the subgraphs by their SDL only; a unit test may import a constant to cross-check it.',
      severity: 'error',
      from: { path: '^gateway/', pathNot: '\\.test\\.ts$' },
      to: { path: '^subgraphs/' },
    },
    {
      name: 'no-platform-to-domain',
      comment: 'packages/platform is infrastructure every deployable shares: it knows no domain.',
      severity: 'error',
      from: { path: '^packages/platform/' },
      to: { path: '^(subgraphs|gateway|embedded|packages/contracts)/' },
    },
    {
      name: 'no-contracts-to-deployable',
      comment: 'packages/contracts is what the deployables promise each other, so it imports none of them.',
      severity: 'error',
      from: { path: '^packages/contracts/' },
      to: { path: '^(subgraphs|gateway|embedded)/' },
    },
    {
      name: 'no-other-module-store',
      comment: "A module reaches another through that module's service or an exported read function, never its store.",
      severity: 'error',
      from: { path: SUBGRAPH_MODULE },
      to: { path: '^subgraphs/$1/src/modules/[^/]+/.*-store\\.ts$', pathNot: '^subgraphs/$1/src/modules/$2/' },
    },
    {
      name: 'no-circular',
      comment:
        'A cycle ties its files into one unit that cannot be understood, tested or moved apart. One that a type import closes is erased at compile time (no-module-cycle still forbids it between modules).',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'no-module-cycle',
      comment:
        'Two modules that need each other are one module, even through types. The generated resolver types point back at the context by design (contextType), so a cycle through them is not one.',
      severity: 'error',
      from: { path: SUBGRAPH_MODULE },
      to: {
        circular: true,
        via: { path: '^subgraphs/$1/src/modules/(?!$2/)[^/]+/' },
        viaOnly: { pathNot: '^subgraphs/[^/]+/src/(context\\.ts|__generated__/)' },
      },
    },
    {
      name: 'no-non-package-json',
      comment: 'An import of a package that package.json does not list works only by accident of hoisting.',
      severity: 'error',
      from: {},
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that resolves to nothing fails at run time.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // web/dist: the app's bundle, Vite's output (its chunks import one another by design); dist/: npm run build's
    // output, which carries a copy of that bundle.
    exclude: { path: '^(\\.data|web/dist|dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // The workspaces list no dependencies of their own: the root package.json holds them all.
    combinedDependencies: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      // A package of types only (@graphql-typed-document-node/core) has no main file to resolve to.
      mainFields: ['main', 'types', 'typings'],
      extensions: ['.ts', '.tsx', '.js', '.cjs', '.mjs', '.json', '.d.ts'],
    },
  },
};
