/**
 * A rendered Markdown body. The HTML comes from renderMarkdown (lib/content/markdown.ts),
 * which sanitises it with GitHub's schema: it is safe to set as inner HTML.
 */
export function Prose({ html }: { html: string }) {
  return <div className="prose" dangerouslySetInnerHTML={{ __html: html }} />;
}
