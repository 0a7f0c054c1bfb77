/** Types of page-cache.mjs, which runs under plain Node (server/server.mjs). */
export interface PreparedResponse {
  readonly status: number;
  readonly headers: [string, string | string[]][];
  readonly body: Buffer;
  readonly etag: string;
  readonly encoded: Map<string, Buffer>;
  /** Set when the kept response holds only its gzip copy: the identity body's length. */
  readonly identityLength?: number;
}

export declare const DEFAULT_CACHE_BYTES: number;
export declare function cacheKeyOf(request: { method?: string; url?: string; headers: Record<string, string | string[] | undefined> }): string | undefined;
export declare function themeOf(cookie: unknown): string;
export declare function identityOf(page: PreparedResponse): Buffer;
export declare function isKeepable(page: Pick<PreparedResponse, 'status' | 'headers' | 'body'>): boolean;

export declare class PageCache {
  constructor(maxBytes?: number);
  readonly maxBytes: number;
  readonly bytes: number;
  readonly hits: number;
  readonly misses: number;
  readonly pages: Map<string, PreparedResponse>;
  store(key: string, page: PreparedResponse): boolean;
  take(key: string): PreparedResponse | undefined;
  peek(key: string): PreparedResponse | undefined;
  keepEncoded(key: string, page: PreparedResponse, encoding: string, bytes: Buffer): void;
  compact(key: string, page: PreparedResponse, gzipped: Buffer): void;
  settled(): Promise<void>;
  evict(): void;
  delete(key: string): void;
}
