import { KATEX_STYLESHEET } from '@/lib/site/katex-assets';

/**
 * A rendered Markdown body. The HTML comes from renderMarkdown (lib/content/markdown.ts),
 * which sanitises it with GitHub's schema: it is safe to set as inner HTML. A body with
 * typeset math (KaTeX marks it with its `katex` class, which the sanitiser lets no author
 * HTML keep) brings KaTeX's stylesheet; React puts the link in the head, once.
 */
export function Prose({ html }: { html: string }) {
  const math = html.includes('class="katex"');
  return (
    <>
      {math && <link rel="stylesheet" href={KATEX_STYLESHEET} precedence="default" />}
      <div className="prose" dangerouslySetInnerHTML={{ __html: html }} />
    </>
  );
}
