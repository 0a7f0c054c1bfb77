/*
 * The domain types live in the leaf module lib/domain/types.ts; the graph and the
 * layers above it import them from here as before.
 */
export type * from '../domain/types';
