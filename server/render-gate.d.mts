/** Types of render-gate.mjs, which runs under plain Node (server/server.mjs). */
import type { ServerResponse } from 'node:http';
export declare class RenderGate {
  constructor(limit: number);
  readonly limit: number;
  readonly load: { running: number; waiting: number };
  enter(res: ServerResponse, render: () => void): void;
  next(): void;
}
export declare function rendersAtOnce(env?: Record<string, string | undefined>): number;
