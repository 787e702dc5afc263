import type { StaticFiles } from '../static/files.js';

/** The Workers static-assets binding (`env.ASSETS`). */
export interface AssetsBinding {
  fetch(request: Request): Promise<Response>;
}

/**
 * The built files under `prefix` of the Worker's static assets (the widget under `widget/`, the
 * dashboard under `dashboard/`: edge/build.ts lays them out so). The app's own routes add the
 * headers (cache, CORS, CSP), so the Worker runs before assets for every path (`run_worker_first`).
 */
export function assetFiles(assets: AssetsBinding | undefined, prefix: string): StaticFiles | undefined {
  if (!assets) return undefined;
  return async (rel) => {
    const res = await assets.fetch(new Request(`https://assets.invalid/${prefix}/${rel}`));
    if (!res.ok) {
      await res.body?.cancel();
      return undefined;
    }
    return res.body ?? '';
  };
}
