import { z } from 'zod';
import type { DocumentKind, RelatedRef, SourceRef } from '../domain/types';

/*
 * Frontmatter schemas, one per kind. YAML is loose about types (`title: 2024` is a
 * number, `date: 2024-01-01` a Date), so every text field accepts scalars and turns
 * them into text; lists accept a single value. Unknown fields pass through and are
 * kept on the node. Validation errors name the field; lib/content/parse.ts adds
 * the file and line.
 */

const text = z
  .union([z.string(), z.number(), z.boolean(), z.date()])
  .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v)).trim());

const optionalText = text.optional().nullable().transform((v) => v || undefined);

const textList = z
  .union([text, z.array(text.nullable())])
  .optional()
  .nullable()
  .transform((v): string[] => {
    if (v === undefined || v === null) return [];
    const list = Array.isArray(v) ? v : [v];
    return list.filter((s): s is string => Boolean(s));
  });

// Records first: they are the common case, and a union tries its branches in order.
const relatedItem = z.union([
  z
    .object({ title: text, summary: optionalText, label: optionalText })
    .transform((r): RelatedRef => ({ title: r.title, ...(r.summary ? { summary: r.summary } : {}), ...(r.label ? { label: r.label } : {}) })),
  text.transform((title): RelatedRef => ({ title })),
]);

const sourceItem = z.union([
  z
    .object({ title: text, summary: optionalText })
    .transform((s): SourceRef => ({ title: s.title, ...(s.summary ? { summary: s.summary } : {}) })),
  text.transform((title): SourceRef => ({ title })),
]);

const common = {
  title: optionalText,
  summary: optionalText,
  aliases: textList,
  tags: textList,
};

export const noteFrontmatter = z
  .object({
    ...common,
    original_title: optionalText,
    date: optionalText,
    categories: textList,
    related: z.array(relatedItem).optional().nullable().transform((v) => v ?? []),
    inquiries: textList,
    papers: textList,
  })
  .loose();

export const inquiryFrontmatter = z
  .object({
    ...common,
    sources: z.array(sourceItem).optional().nullable().transform((v) => v ?? []),
    next: textList,
  })
  .loose();

export const paperFrontmatter = z
  .object({
    ...common,
    ver: optionalText,
    arxiv_id: optionalText,
    source_url: optionalText,
    core_contribution: optionalText,
  })
  .loose();

/** What every kind's frontmatter may give; a kind with no schema of its own reads only these. */
export const commonFrontmatter = z.object(common).loose();

/**
 * The schema of each kind with fields of its own; every other kind of the registry
 * (lib/domain/kinds.ts) reads the common ones (`schemaOf`).
 */
export const frontmatterSchemas = {
  note: noteFrontmatter,
  inquiry: inquiryFrontmatter,
  paper: paperFrontmatter,
} as const;

type KindSchema = (typeof frontmatterSchemas)[keyof typeof frontmatterSchemas] | typeof commonFrontmatter;

/** The frontmatter schema of a kind. */
export function schemaOf(kind: DocumentKind): KindSchema {
  return (frontmatterSchemas as Partial<Record<DocumentKind, KindSchema>>)[kind] ?? commonFrontmatter;
}
export type NoteFrontmatter = z.output<typeof noteFrontmatter>;
export type InquiryFrontmatter = z.output<typeof inquiryFrontmatter>;
export type PaperFrontmatter = z.output<typeof paperFrontmatter>;

const known = new WeakMap<KindSchema, ReadonlySet<string>>();

/** The fields a kind's schema knows; everything else is kept as `extra`. */
export function knownFields(kind: DocumentKind): ReadonlySet<string> {
  const schema = schemaOf(kind);
  let fields = known.get(schema);
  if (!fields) known.set(schema, (fields = new Set(Object.keys(schema.shape))));
  return fields;
}
