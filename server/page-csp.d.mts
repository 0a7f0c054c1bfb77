/** Types of page-csp.mjs, which runs under plain Node (server/server.mjs, next.config.js). */
export declare function pageCsp(hashes: readonly string[], options?: { dev?: boolean }): string;
export declare function newMarker(): string;
export declare function markerRequestHeader(marker: string): string;
export declare function scriptHashOf(text: string): string;
export declare function sealPage(body: Buffer, marker: string): { body: Buffer; hashes: string[] };
