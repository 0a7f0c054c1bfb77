import { kindEntries } from '../domain/kinds';

/*
 * The kinds' CSS, made from the registry (lib/domain/kinds.ts) and put in every
 * page's <head> by app/layout.tsx: a `--kind-<kind>` colour per theme, and the
 * `--kind` that badges, swatches, links and the graph read under `data-kind` (or a
 * wikilink's `kind-<kind>` class). globals.css holds everything else.
 */

function colourVariables(theme: 'light' | 'dark'): string {
  return kindEntries()
    .map((e) => `--kind-${e.kind}: ${e.colour[theme]};`)
    .join(' ');
}

/** The stylesheet text of the kinds' colours. */
export function kindStyles(): string {
  const light = colourVariables('light');
  const dark = colourVariables('dark');
  const picks = kindEntries().map((e) => `[data-kind='${e.kind}'], .prose a.kind-${e.kind} { --kind: var(--kind-${e.kind}); }`);
  return [
    `:root { ${light} }`,
    `@media (prefers-color-scheme: dark) { :root { ${dark} } }`,
    // The theme toggle's choice wins over the system's.
    `:root[data-theme='light'] { ${light} }`,
    `:root[data-theme='dark'] { ${dark} }`,
    ...picks,
  ].join('\n');
}
