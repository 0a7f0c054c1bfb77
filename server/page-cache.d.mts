/** Types of page-cache.mjs, which runs under plain Node (server/server.mjs). */
type Headers = Record<string, string | string[] | number | undefined>;

export declare const DEFAULT_CACHE_BYTES: number;
export declare function newNonce(): string;
export declare function cacheKeyOf(request: { method?: string; url?: string; headers: Record<string, string | string[] | undefined> }): string | undefined;
export declare function nonceOf(csp: unknown): string | undefined;

export interface CachedPage {
  readonly status: number;
  readonly headers: [string, string | string[]][];
  readonly csp: string[] | undefined;
  readonly body: Buffer[];
  readonly nonceBytes: number;
  readonly bytes: number;
  readonly zipped?: Buffer;
}

export declare class PageCache {
  constructor(maxBytes?: number);
  readonly maxBytes: number;
  readonly bytes: number;
  readonly hits: number;
  readonly misses: number;
  readonly pages: Map<string, CachedPage>;
  store(key: string, response: { status: number; headers: Headers; body: Buffer }): boolean;
  take(
    key: string,
    nonce: string,
  ): { status: number; headers: [string, string | string[]][]; body: Buffer[]; length: number; zipped?: Buffer; keepZipped?: (zipped: Buffer) => void } | undefined;
  keepZipped(key: string, page: CachedPage, zipped: Buffer): void;
  evict(): void;
  delete(key: string): void;
}
