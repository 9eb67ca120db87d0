import { access, constants, mkdir } from 'node:fs/promises';
import { StartupProblem } from './startup-problem.js';

/** Creates the data folder (DATA_DIR) or says in one sentence why it cannot be used. */
export async function ensureWritableFolder(folder: string): Promise<void> {
  try {
    await mkdir(folder, { recursive: true });
    await access(folder, constants.W_OK | constants.X_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new StartupProblem(`The data folder ${folder} cannot be written (${code}): set DATA_DIR to a folder this user may write, or fix its permissions.`);
  }
}
