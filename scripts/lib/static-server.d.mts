import type { IncomingMessage, Server, ServerResponse } from 'node:http';
export function startStaticServer(options: {
  mounts: Record<string, string>;
  routes?: Record<string, (req: IncomingMessage, res: ServerResponse, url: URL) => unknown>;
  port?: number;
}): Promise<{ origin: string; server: Server; close: () => Promise<void> }>;
