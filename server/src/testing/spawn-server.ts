import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const serverRoot = join(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Starts the server in its own process on a free port; resolves with its URL once it listens:
 * `src/main.ts`, or on the edge test project `src/edge/main.ts` (the Worker on workerd, a child
 * process of its own). `crash()` kills the whole process group with SIGKILL, as a crash of the
 * machine would (workerd outlives a killed parent otherwise).
 */
export async function spawnServer(
  env: Record<string, string>,
): Promise<{ url: string; proc: ChildProcess; exited: Promise<number | null>; crash: () => void }> {
  const entry = process.env.MOMENTS_TEST_DB === 'edge' ? 'src/edge/main.ts' : 'src/main.ts';
  const proc = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: serverRoot,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const crash = () => {
    try {
      process.kill(-proc.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = output.match(/listening on (http:\/\/\S+)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!.replace('localhost', '127.0.0.1'));
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    proc.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  return { url, proc, exited, crash };
}
