import type { IncomingMessage, Server, ServerResponse } from 'node:http';
export const DEMO_DIR: string;
export function articlePath(): string;
export function renderArticlePage(text: string): string;
export function startDemoSite(options?: {
  port?: number;
  extraMounts?: Record<string, string>;
  routes?: Record<string, (req: IncomingMessage, res: ServerResponse, url: URL) => unknown>;
}): Promise<{ origin: string; server: Server; close: () => Promise<void> }>;
