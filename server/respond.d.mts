/** Types of respond.mjs, which runs under plain Node (server/server.mjs). */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PreparedResponse } from './page-cache.mjs';

export declare const PAGE_CACHE_CONTROL: string;
export declare const THEMED_PAGE_CACHE_CONTROL: string;
export declare const WATCHED_PAGE_CACHE_CONTROL: string;
export declare const MAX_URL_LENGTH: number;
export declare function etagOf(body: Buffer): string;
export declare function prepareResponse(
  rendered: { status: number; headers: Record<string, string | string[] | number | undefined>; body: Buffer },
  options: { marker: string; pageCacheControl: string },
): PreparedResponse;
export declare function chooseEncoding(header: string | string[] | undefined): 'br' | 'gzip' | undefined;
export declare function matchesEtag(header: string | string[] | undefined, etag: string): boolean;
export declare function encode(body: Buffer, encoding: 'br' | 'gzip'): Promise<Buffer>;
export declare function sendPrepared(
  req: IncomingMessage,
  res: ServerResponse,
  page: PreparedResponse,
  options: { acceptEncoding: string | string[] | undefined; ifNoneMatch: string | string[] | undefined; keepEncoded?: (encoding: string, bytes: Buffer) => void },
): Promise<void>;
