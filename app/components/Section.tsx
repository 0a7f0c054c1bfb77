import type { ReactNode } from 'react';

/** A titled part of a node page, with the count of what it lists in its heading. */
export function Section({ id, title, count, intro, children }: { id: string; title: string; count?: number; intro?: string; children: ReactNode }) {
  return (
    <section className="node-section" aria-labelledby={id}>
      <h2 id={id}>
        {title}
        {count !== undefined && <span className="count"> ({count.toLocaleString('en')})</span>}
        <a className="heading-anchor" href={`#${id}`} aria-label={`Link to the section ${title}`}>
          #
        </a>
      </h2>
      {intro && <p className="section-intro">{intro}</p>}
      {children}
    </section>
  );
}
