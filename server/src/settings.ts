function readProxyHops(value: string | undefined): number {
  if (!value) return 0;
  const hops = Number(value);
  if (!Number.isInteger(hops) || hops < 0 || hops > 10)
    throw new Error(`MOMENTS_TRUST_PROXY must be the number of trusted proxies (0 to 10), not ${value}`);
  return hops;
}

/** The settings every runtime reads from its environment (Node's process.env, a Worker's vars), as API.md names them. */
export function readSettings(env: Record<string, string | undefined>) {
  return {
    adminToken: env.MOMENTS_ADMIN_TOKEN || undefined,
    /** Public requests a minute per site and IP. */
    rateLimit: Number(env.MOMENTS_RATE_LIMIT ?? 600),
    /**
     * Trusted reverse proxies in front (MOMENTS_TRUST_PROXY=1 for one): X-Forwarded-* is read from
     * the entry they appended, counted from the right. 0: headers ignored.
     */
    proxyHops: readProxyHops(env.MOMENTS_TRUST_PROXY),
    /** Wrong admin tokens, agent tokens or sign-ins an address may send in 15 minutes before 429. */
    authFailures: Number(env.MOMENTS_AUTH_FAILURES ?? 10),
    /** Webhooks may target loopback and private addresses (development and tests only). */
    webhookAllowPrivate: env.MOMENTS_WEBHOOK_ALLOW_PRIVATE === '1',
    /** Days live-stream events and finished webhook deliveries are kept (then pruned hourly). */
    liveEventsDays: Number(env.MOMENTS_LIVE_EVENTS_DAYS ?? 7),
    webhookLogDays: Number(env.MOMENTS_WEBHOOK_LOG_DAYS ?? 30),
    /** How long a rotated site secret or public key keeps working. */
    rotationGraceMs: Number(env.MOMENTS_ROTATION_GRACE_HOURS ?? 24) * 3_600_000,
  };
}
export type Settings = ReturnType<typeof readSettings>;
