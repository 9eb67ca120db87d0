/** One module's resolvers: type name to its field resolvers (or a scalar's implementation). */
export type ModuleResolvers = Record<string, object>;

/**
 * Joins the resolvers of a subgraph's modules into the one map the schema is built with.
 * Spreading objects would let a field defined by two modules silently keep the last one; here it
 * is an error at start, naming both modules, so the server (and every test that boots it) fails.
 */
export function combineResolvers(modules: Record<string, ModuleResolvers>, scalars: Record<string, object> = {}): Record<string, object> {
  const combined: Record<string, Record<string, unknown>> = {};
  const ownerOf = new Map<string, string>();
  for (const [moduleName, types] of Object.entries(modules)) {
    for (const [typeName, fields] of Object.entries(types)) {
      const target = (combined[typeName] ??= {});
      for (const [fieldName, resolver] of Object.entries(fields)) {
        const coordinate = `${typeName}.${fieldName}`;
        const owner = ownerOf.get(coordinate);
        if (owner) throw new Error(`${coordinate} is resolved by both the ${owner} and the ${moduleName} module`);
        ownerOf.set(coordinate, moduleName);
        target[fieldName] = resolver;
      }
    }
  }
  for (const [scalarName, implementation] of Object.entries(scalars)) {
    if (combined[scalarName]) throw new Error(`${scalarName} is a scalar and also has field resolvers`);
    combined[scalarName] = implementation as Record<string, unknown>;
  }
  return combined;
}
