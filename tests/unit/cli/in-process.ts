/** Runs the CLI's main() in this process (from the sources), capturing what it writes. */
import { vi } from 'vitest';

const { main } = await import('../../../src-main/cli/index');

function capture(stream: NodeJS.WriteStream): { text: () => string; restore: () => void } {
  const chunks: string[] = [];
  const spy = vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  });
  return { text: () => chunks.join(''), restore: () => spy.mockRestore() };
}

export async function runInProcess(
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = capture(process.stdout);
  const stderr = capture(process.stderr);
  try {
    const code = await main(args);
    return { code, stdout: stdout.text(), stderr: stderr.text() };
  } finally {
    stdout.restore();
    stderr.restore();
  }
}
