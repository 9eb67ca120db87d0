/**
 * Counts the bytes of every typed array created from now on in this process, by wrapping the global constructors (`slice`
 * and `from` on them go through the wrappers too). For a probe process measuring one call of an engine that keeps all its
 * data in typed arrays: the total allocated bounds its peak, and other processes on the machine do not disturb it.
 */
export function countTypedArrayBytes(): () => number {
  let bytes = 0;
  const globals = globalThis as unknown as Record<string, new (...args: unknown[]) => ArrayBufferView>;
  for (const name of ['Int8Array', 'Uint8Array', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array', 'Float32Array', 'Float64Array']) {
    const Base = globals[name];
    globals[name] = class extends Base {
      constructor(...args: unknown[]) {
        super(...args);
        bytes += this.byteLength;
      }
    };
  }
  return () => bytes;
}
