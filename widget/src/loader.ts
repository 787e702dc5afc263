// Placeholder loader: reads its site key and replays queued calls. The survey UI comes with the widget issue.
type Call = unknown[];
const w = window as unknown as { moments?: ((...args: Call) => void) & { q?: Call[] } };
const queued = w.moments?.q ?? [];
const calls: Call[] = [...queued];
w.moments = (...args: Call) => void calls.push(args);
