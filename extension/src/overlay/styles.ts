/** The overlay's whole stylesheet, adopted by each badge's shadow root: nothing leaks either way. */
export const OVERLAY_CSS = `
:host{all:initial!important;display:inline-block!important;vertical-align:middle!important;margin:0 0 0 6px!important;position:relative!important;font:13px/1.4 system-ui,-apple-system,'Segoe UI',sans-serif!important;color:#111827!important;text-align:left!important}
*{box-sizing:border-box}
button{font:inherit;color:inherit;cursor:pointer}
:focus-visible{outline:3px solid #4f46e5;outline-offset:2px}
.badge{display:inline-flex;align-items:center;gap:5px;min-height:24px;padding:1px 8px;border-radius:999px;border:1px solid #d1d5db;background:#fff;font-weight:600;font-size:12px;white-space:nowrap}
.dot{width:9px;height:9px;border-radius:50%;background:#9ca3af}
.good .dot{background:#059669}.mid .dot{background:#d97706}.bad .dot{background:#dc2626}
.badge.stale{border-style:dashed}
.badge.error{color:#991b1b;border-color:#fecaca;background:#fef2f2}
.panel{position:fixed;z-index:2147483000;width:min(380px,calc(100vw - 16px));max-height:min(560px,calc(100vh - 16px));overflow:auto;overscroll-behavior:contain;background:#fff;border:1px solid #d1d5db;border-radius:12px;box-shadow:0 12px 32px #0003;padding:12px 14px;text-align:left}
h2{font-size:15px;margin:0 28px 2px 0}
h3{font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:#4b5563;margin:12px 0 4px}
.close{position:absolute;top:6px;right:6px;width:32px;height:32px;border:0;background:none;font-size:20px;border-radius:6px}
.muted{color:#4b5563}.small{font-size:12px}
.scores{display:grid;grid-template-columns:repeat(3,1fr);gap:6px;margin-top:8px}
.score{border:1px solid #e5e7eb;border-radius:8px;padding:6px 8px}
.score b{display:block;font-size:18px}
.score.good b{color:#047857}.score.mid b{color:#b45309}.score.bad b{color:#b91c1c}
.risk{display:inline-block;padding:1px 8px;border-radius:999px;font-size:12px;font-weight:600;background:#e5e7eb}
.risk.high{background:#fee2e2;color:#991b1b}.risk.watch{background:#fef3c7;color:#92400e}.risk.none{background:#d1fae5;color:#065f46}
.note{background:#fef3c7;color:#92400e;border-radius:8px;padding:6px 8px;margin:8px 0}
.error-box{background:#fef2f2;color:#991b1b;border-radius:8px;padding:8px}
table{width:100%;border-collapse:collapse;font-size:12px}
th,td{text-align:left;padding:3px 4px;border-bottom:1px solid #f3f4f6}
ul{margin:0;padding:0;list-style:none}
li.comment{border-left:3px solid #c7d2fe;padding:2px 8px;margin:4px 0;white-space:pre-wrap;word-break:break-word}
li.fu{border:1px solid #fecaca;border-radius:8px;padding:6px 8px;margin:6px 0;scroll-margin:8px}
.fu-note{margin:4px 0;white-space:pre-wrap;overflow-wrap:anywhere;display:-webkit-box;-webkit-line-clamp:4;-webkit-box-orient:vertical;overflow:hidden}
label{display:block;margin-top:6px}
textarea{width:100%;min-height:48px;font:inherit;border:1px solid #9ca3af;border-radius:6px;padding:4px 6px;margin-top:4px}
.actions{display:flex;gap:6px;margin-top:6px;flex-wrap:wrap}
.actions button,.link{border:1px solid #c7cbd3;border-radius:6px;background:#fff;padding:3px 10px;min-height:28px}
.actions .primary{background:#4f46e5;border-color:#4f46e5;color:#fff}
.actions button[aria-disabled=true]{opacity:.55;cursor:default}
.link{color:#3730a3;text-decoration:underline;border:0;padding:0}
svg{display:block}
.spark{stroke:#4f46e5;stroke-width:2;fill:none}
.spark-point{fill:#4f46e5;stroke:#fff;stroke-width:1}
`;
