/**
 * The popover's stylesheet, injected into its closed shadow root. Every size is in px (rem would follow
 * the page's root font-size), the font is set explicitly, and colours come from custom properties that
 * are defined on our own root (so a page's variables cannot leak in). Body text is never below 14 px.
 */
export const POPOVER_CSS = /* css */ `
.fc-layer {
  position: fixed;
  top: 0;
  left: 0;
  width: 0;
  height: 0;
  z-index: 2147483647;
}
.fc-popover {
  --fc-bg: #ffffff;
  --fc-fg: #1d2126;
  --fc-muted: #555d66;
  --fc-border: #d5d9de;
  --fc-soft: #f1f3f5;
  --fc-soft-hover: #e4e8ec;
  --fc-accent: #1f5fbf;
  --fc-accent-fg: #ffffff;
  --fc-focus: #1f5fbf;
  --fc-shadow: 0 1px 2px rgb(16 24 40 / 0.08), 0 8px 24px rgb(16 24 40 / 0.16);
  --fc-quote: #7a8591;

  all: initial;
  position: fixed;
  top: 0;
  left: 0;
  box-sizing: border-box;
  display: flex;
  flex-direction: column;
  width: 360px;
  max-width: calc(100vw - 16px);
  max-height: 480px;
  margin: 0;
  padding: 0;
  overflow: hidden;
  background: var(--fc-bg);
  color: var(--fc-fg);
  border: 1px solid var(--fc-border);
  border-radius: 10px;
  box-shadow: var(--fc-shadow);
  font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, sans-serif;
  font-size: 15px;
  font-weight: 400;
  font-style: normal;
  line-height: 21px;
  letter-spacing: normal;
  text-align: left;
  text-transform: none;
  text-indent: 0;
  white-space: normal;
  word-wrap: break-word;
  overflow-wrap: break-word;
  direction: ltr;
  cursor: auto;
  visibility: visible;
  opacity: 1;
  pointer-events: auto;
  color-scheme: light;
  -webkit-font-smoothing: antialiased;
  animation: fc-in 120ms ease-out;
}
@keyframes fc-in {
  from {
    opacity: 0;
    transform: translateY(4px);
  }
  to {
    opacity: 1;
    transform: none;
  }
}
@media (prefers-reduced-motion: reduce) {
  .fc-popover {
    animation: none;
  }
}
@media (prefers-color-scheme: dark) {
  .fc-popover {
    --fc-bg: #1c1f24;
    --fc-fg: #e8eaed;
    --fc-muted: #aab1ba;
    --fc-border: #3a4049;
    --fc-soft: #282c33;
    --fc-soft-hover: #343942;
    --fc-accent: #8ab4f8;
    --fc-accent-fg: #10161f;
    --fc-focus: #8ab4f8;
    --fc-shadow: 0 1px 2px rgb(0 0 0 / 0.4), 0 8px 24px rgb(0 0 0 / 0.5);
    --fc-quote: #6f7985;
    color-scheme: dark;
  }
}
.fc-popover *,
.fc-popover *::before,
.fc-popover *::after {
  box-sizing: border-box;
  font: inherit;
  color: inherit;
  letter-spacing: inherit;
  margin: 0;
  padding: 0;
}
.fc-popover:focus {
  outline: none;
}
.fc-popover:focus-visible {
  outline: 2px solid var(--fc-focus);
  outline-offset: 2px;
}
.fc-popover :focus-visible {
  outline: 2px solid var(--fc-focus);
  outline-offset: 2px;
}
.fc-visually-hidden {
  position: absolute;
  width: 1px;
  height: 1px;
  overflow: hidden;
  clip-path: inset(50%);
  white-space: nowrap;
}
[hidden] {
  display: none !important;
}

/* Close button, pinned to the top right corner. */
.fc-icon-button {
  display: inline-flex;
  align-items: center;
  justify-content: center;
  flex: none;
  width: 28px;
  height: 28px;
  border: 1px solid transparent;
  border-radius: 6px;
  background: transparent;
  color: var(--fc-muted);
  cursor: pointer;
}
.fc-icon-button:hover {
  background: var(--fc-soft);
  color: var(--fc-fg);
}
.fc-close {
  position: absolute;
  top: 8px;
  right: 8px;
  z-index: 1;
}

/* Narrative switcher (when several narratives apply to one phrase). */
.fc-tabs {
  display: flex;
  gap: 6px;
  flex: none;
  margin-right: 40px;
  padding: 8px 0 8px 12px;
  overflow-x: auto;
  scrollbar-width: thin;
}
.fc-tabs + .fc-scroll {
  border-top: 1px solid var(--fc-border);
}
.fc-tab {
  display: inline-flex;
  align-items: center;
  flex: none;
  gap: 6px;
  max-width: 220px;
  min-height: 30px;
  padding: 4px 10px;
  border: 1px solid var(--fc-border);
  border-radius: 999px;
  background: transparent;
  color: var(--fc-muted);
  font-size: 14px;
  line-height: 20px;
  cursor: pointer;
}
.fc-tab:hover {
  background: var(--fc-soft);
  color: var(--fc-fg);
}
.fc-tab[aria-selected='true'] {
  background: var(--fc-soft);
  border-color: var(--fc-accent);
  color: var(--fc-fg);
  font-weight: 600;
}
.fc-tab-label {
  overflow: hidden;
  text-overflow: ellipsis;
  white-space: nowrap;
}

/* Scrollable body. */
.fc-scroll {
  flex: 1 1 auto;
  min-height: 0;
  overflow-y: auto;
  overscroll-behavior: contain;
  padding: 12px 16px 12px 16px;
  scrollbar-width: thin;
}
.fc-status-row {
  display: flex;
  align-items: center;
  gap: 4px;
  min-height: 28px;
  padding-right: 28px;
}
.fc-tabs + .fc-scroll .fc-status-row {
  padding-right: 0;
}
.fc-badge {
  display: inline-flex;
  align-items: center;
  gap: 6px;
  padding: 3px 10px 3px 8px;
  border: 1px solid var(--fc-badge-border);
  border-radius: 999px;
  background: var(--fc-badge-bg);
  color: var(--fc-badge-fg);
  font-size: 14px;
  line-height: 18px;
  font-weight: 600;
}
.fc-status-icon {
  flex: none;
  display: block;
}
.fc-info {
  width: 26px;
  height: 26px;
}
.fc-definition {
  margin-top: 8px;
  padding: 8px 10px;
  border-radius: 6px;
  background: var(--fc-soft);
  font-size: 14px;
  line-height: 20px;
}
.fc-definition p + p {
  margin-top: 4px;
}
.fc-em {
  font-weight: 600;
}
.fc-title {
  margin-top: 10px;
  font-size: 17px;
  line-height: 23px;
  font-weight: 650;
}
.fc-heading {
  margin-top: 14px;
  margin-bottom: 2px;
  font-size: 14px;
  line-height: 20px;
  font-weight: 600;
  color: var(--fc-muted);
}
.fc-claim {
  font-style: italic;
}
.fc-points {
  padding-left: 20px;
  list-style: disc outside;
}
.fc-points li {
  display: list-item;
  margin-top: 2px;
}
.fc-points li::marker {
  color: var(--fc-muted);
}
.fc-quote {
  display: block;
  margin-top: 14px;
  padding: 2px 0 2px 12px;
  border-left: 3px solid var(--fc-quote);
}
.fc-quote blockquote,
.fc-quote p {
  display: block;
}
.fc-quote q {
  font-style: italic;
  quotes: '“' '”' '‘' '’';
}
.fc-quote q::before {
  content: open-quote;
}
.fc-quote q::after {
  content: close-quote;
}
.fc-quote figcaption {
  display: block;
  margin-top: 2px;
  font-size: 14px;
  line-height: 20px;
  color: var(--fc-muted);
}
.fc-source,
.fc-why {
  margin-top: 12px;
  font-size: 14px;
  line-height: 20px;
  color: var(--fc-muted);
}
.fc-why {
  margin-top: 6px;
}
.fc-pattern {
  font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, 'Liberation Mono', monospace;
  font-size: 14px;
  padding: 0 3px;
  border-radius: 4px;
  background: var(--fc-soft);
  color: var(--fc-fg);
  overflow-wrap: anywhere;
  -webkit-box-decoration-break: clone;
  box-decoration-break: clone;
}
.fc-popover cite {
  font-style: italic;
}
.fc-popover a {
  color: var(--fc-accent);
  text-decoration: underline;
  text-underline-offset: 2px;
  cursor: pointer;
}
p,
h2,
h3,
ul,
figure,
blockquote,
figcaption {
  display: block;
}

/* Actions. */
.fc-actions {
  display: flex;
  flex-wrap: wrap;
  gap: 6px;
  flex: none;
  padding: 10px 16px 12px;
  border-top: 1px solid var(--fc-border);
}
.fc-button {
  display: inline-flex;
  align-items: center;
  min-height: 30px;
  padding: 4px 10px;
  border: 1px solid transparent;
  border-radius: 6px;
  background: var(--fc-soft);
  color: var(--fc-fg);
  font-size: 14px;
  line-height: 20px;
  cursor: pointer;
  white-space: nowrap;
}
.fc-button:hover {
  background: var(--fc-soft-hover);
}
.fc-primary {
  background: var(--fc-accent);
  border-color: var(--fc-accent);
  color: var(--fc-accent-fg);
  font-weight: 600;
}
.fc-primary:hover {
  background: var(--fc-accent);
  filter: brightness(1.08);
}
.fc-notice {
  flex: none;
  font-size: 14px;
  line-height: 20px;
  padding: 0 16px;
}
.fc-notice:not(:empty) {
  padding-bottom: 10px;
}

/* Evidence status colours: subtle tints, text contrast at least 4.5:1 in both themes. */
.fc-popover {
  --fc-badge-bg: #eef1f4;
  --fc-badge-fg: #3d4650;
  --fc-badge-border: #d3d9df;
}
[data-status='no-evidence'] .fc-badge,
.fc-badge[data-status='no-evidence'] {
  --fc-badge-bg: #fdeeee;
  --fc-badge-fg: #9b1c1c;
  --fc-badge-border: #f5c9c9;
}
.fc-badge[data-status='speculative-forecast'] {
  --fc-badge-bg: #fff4e0;
  --fc-badge-fg: #8a4b00;
  --fc-badge-border: #f3d9a8;
}
.fc-badge[data-status='disputed'] {
  --fc-badge-bg: #fdf0e8;
  --fc-badge-fg: #9a3b0c;
  --fc-badge-border: #f3cfb8;
}
.fc-badge[data-status='missing-context'] {
  --fc-badge-bg: #ebf2fd;
  --fc-badge-fg: #1d4f95;
  --fc-badge-border: #c6d9f5;
}
.fc-badge[data-status='framing'] {
  --fc-badge-bg: #f3eefc;
  --fc-badge-fg: #5b33a0;
  --fc-badge-border: #dccdf4;
}
.fc-badge[data-status='outdated'] {
  --fc-badge-bg: #eff1f3;
  --fc-badge-fg: #46505a;
  --fc-badge-border: #d5dade;
}
.fc-badge[data-status='unverified'] {
  --fc-badge-bg: #fbf5dc;
  --fc-badge-fg: #6e5600;
  --fc-badge-border: #ecdc9c;
}
.fc-badge[data-status='analyst-forecast'] {
  --fc-badge-bg: #e7f6f3;
  --fc-badge-fg: #0d6457;
  --fc-badge-border: #b8e2d9;
}
@media (prefers-color-scheme: dark) {
  .fc-badge[data-status] {
    --fc-badge-bg: #2a2f36;
    --fc-badge-fg: #d7dce2;
    --fc-badge-border: #444b55;
  }
  .fc-badge[data-status='no-evidence'] {
    --fc-badge-bg: #3a2224;
    --fc-badge-fg: #ffb4b4;
    --fc-badge-border: #5c3236;
  }
  .fc-badge[data-status='speculative-forecast'] {
    --fc-badge-bg: #3a2e1a;
    --fc-badge-fg: #ffd08a;
    --fc-badge-border: #5a4626;
  }
  .fc-badge[data-status='disputed'] {
    --fc-badge-bg: #3a271d;
    --fc-badge-fg: #ffbf9b;
    --fc-badge-border: #5a3a2a;
  }
  .fc-badge[data-status='missing-context'] {
    --fc-badge-bg: #1f2c40;
    --fc-badge-fg: #a9c8f5;
    --fc-badge-border: #33466a;
  }
  .fc-badge[data-status='framing'] {
    --fc-badge-bg: #2d2540;
    --fc-badge-fg: #d4c2f7;
    --fc-badge-border: #47396a;
  }
  .fc-badge[data-status='unverified'] {
    --fc-badge-bg: #353019;
    --fc-badge-fg: #f0dc8c;
    --fc-badge-border: #554c28;
  }
  .fc-badge[data-status='analyst-forecast'] {
    --fc-badge-bg: #1b332f;
    --fc-badge-fg: #9fe0d2;
    --fc-badge-border: #2d524b;
  }
}

/* Windows high contrast and other forced-colour modes: system colours, visible edges. */
@media (forced-colors: active) {
  .fc-popover {
    background: Canvas;
    color: CanvasText;
    border-color: CanvasText;
    box-shadow: none;
  }
  .fc-badge,
  .fc-badge[data-status] {
    background: Canvas;
    color: CanvasText;
    border-color: CanvasText;
  }
  .fc-button,
  .fc-primary,
  .fc-icon-button,
  .fc-tab {
    background: ButtonFace;
    color: ButtonText;
    border-color: ButtonText;
  }
  .fc-tab[aria-selected='true'] {
    background: Highlight;
    color: HighlightText;
  }
  .fc-popover :focus-visible,
  .fc-popover:focus-visible {
    outline-color: Highlight;
  }
  .fc-popover a {
    color: LinkText;
  }
  .fc-quote {
    border-left-color: CanvasText;
  }
}
`;
