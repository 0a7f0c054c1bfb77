'use client';

import { usePathname } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import type { NodePreview } from '@/app/api/preview/route';
import { isNodeIdShaped } from '@/lib/domain/node-id';
import { KindBadge } from '../KindBadge';

/** Links that lead to another node: NodeLink's, and resolved wikilinks in a body. */
const LINK_SELECTOR = 'a[data-preview], .prose a.wikilink';
/** A reader passing over a link is not asking about it; one who rests on it is. */
const SHOW_DELAY_MS = 300;
/** Time to move the pointer from the link onto the card without it vanishing. */
const HIDE_DELAY_MS = 150;
const CARD_ID = 'trellis-preview-card';

interface Shown {
  readonly link: HTMLAnchorElement;
  readonly preview: NodePreview;
  readonly top: number;
  readonly left: number;
  /** True when the card sits above the link (the link is low in the window). */
  readonly above: boolean;
}

/** One request per node per page load: later hovers reuse the answer. */
const previews = new Map<string, Promise<NodePreview | null>>();

function loadPreview(id: string): Promise<NodePreview | null> {
  let found = previews.get(id);
  if (!found) {
    found = fetch(`/api/preview/?id=${encodeURIComponent(id)}`)
      .then((response) => (response.ok ? (response.json() as Promise<NodePreview>) : null))
      .catch(() => {
        // A network failure is not an answer: let the next hover ask again.
        previews.delete(id);
        return null;
      });
    previews.set(id, found);
  }
  return found;
}

/** The node a link leads to, when it is a node of this site. */
function nodeIdOf(link: HTMLAnchorElement): string | undefined {
  const url = new URL(link.href, location.href);
  return url.origin === location.origin && isNodeIdShaped(url.pathname) ? url.pathname : undefined;
}

function linkAt(target: EventTarget | null): HTMLAnchorElement | undefined {
  return target instanceof Element ? (target.closest<HTMLAnchorElement>(LINK_SELECTOR) ?? undefined) : undefined;
}

/** Where the card goes: under the link, or over it when the link is low in the window. */
function placeFor(link: HTMLAnchorElement): Pick<Shown, 'top' | 'left' | 'above'> {
  const rects = link.getClientRects();
  const first = rects[0] ?? link.getBoundingClientRect();
  const last = rects[rects.length - 1] ?? first;
  const above = last.bottom > window.innerHeight * 0.6;
  // The card's CSS width: 22rem, or the window less a margin.
  const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
  const width = Math.min(22 * rem, window.innerWidth - 16);
  const left = Math.max(8, Math.min((above ? first : last).left, window.innerWidth - width - 8)) + window.scrollX;
  const top = above ? first.top + window.scrollY - 8 : last.bottom + window.scrollY + 8;
  return { top, left, above };
}

/**
 * Preview cards for links to nodes, mounted once in the layout. It listens on the
 * document, so links rendered later (and links in Markdown bodies) need no wiring.
 * Resting the pointer on a link or focusing it shows the node's kind, title and
 * summary after a moment; leaving, blurring or Escape hides it. The card is a
 * tooltip the link points at with aria-describedby; it never takes focus.
 */
export function PreviewCards() {
  const [shown, setShown] = useState<Shown | null>(null);
  const showTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const hideTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  /** The link a card is on its way for, or showing for. */
  const target = useRef<HTMLAnchorElement | undefined>(undefined);
  const pathname = usePathname();

  useEffect(() => {
    const cancelHide = () => clearTimeout(hideTimer.current);

    const hide = () => {
      clearTimeout(showTimer.current);
      cancelHide();
      target.current = undefined;
      setShown(null);
    };

    // A show still pending is left to run: hide() cancels it, and a reader who
    // comes straight back to the link still gets the card.
    const scheduleHide = () => {
      cancelHide();
      hideTimer.current = setTimeout(hide, HIDE_DELAY_MS);
    };

    const scheduleShow = (link: HTMLAnchorElement) => {
      cancelHide();
      if (target.current === link) return;
      const id = nodeIdOf(link);
      clearTimeout(showTimer.current);
      target.current = link;
      if (!id) {
        setShown(null);
        return;
      }
      showTimer.current = setTimeout(() => {
        void loadPreview(id).then((preview) => {
          // The reader may have moved on while the answer was on its way.
          if (target.current !== link || !link.isConnected) return;
          setShown(preview ? { link, preview, ...placeFor(link) } : null);
        });
      }, SHOW_DELAY_MS);
    };

    const isInCard = (node: EventTarget | null) => node instanceof Node && document.getElementById(CARD_ID)?.contains(node) === true;

    const onPointerOver = (event: PointerEvent) => {
      // A tap follows the link; a card would only be in the way.
      if (event.pointerType === 'touch') return;
      const link = linkAt(event.target);
      if (link) scheduleShow(link);
      else if (isInCard(event.target)) cancelHide();
    };

    const onPointerOut = (event: PointerEvent) => {
      if (event.pointerType === 'touch') return;
      const link = linkAt(event.target);
      const into = event.relatedTarget;
      if (link && link === target.current && !(into instanceof Node && link.contains(into))) scheduleHide();
      else if (isInCard(event.target) && !isInCard(into)) scheduleHide();
    };

    const onFocusIn = (event: FocusEvent) => {
      const link = linkAt(event.target);
      if (link) scheduleShow(link);
    };

    const onFocusOut = (event: FocusEvent) => {
      if (linkAt(event.target) === target.current) hide();
    };

    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && target.current) hide();
    };

    document.addEventListener('pointerover', onPointerOver);
    document.addEventListener('pointerout', onPointerOut);
    document.addEventListener('focusin', onFocusIn);
    document.addEventListener('focusout', onFocusOut);
    document.addEventListener('keydown', onKeyDown);
    window.addEventListener('resize', hide);
    return () => {
      document.removeEventListener('pointerover', onPointerOver);
      document.removeEventListener('pointerout', onPointerOut);
      document.removeEventListener('focusin', onFocusIn);
      document.removeEventListener('focusout', onFocusOut);
      document.removeEventListener('keydown', onKeyDown);
      window.removeEventListener('resize', hide);
      clearTimeout(showTimer.current);
      clearTimeout(hideTimer.current);
    };
  }, []);

  // A new page: whatever the card was about is gone (React's "state from props" pattern).
  const [page, setPage] = useState(pathname);
  if (page !== pathname) {
    setPage(pathname);
    setShown(null);
  }

  // The link names its card while the card is up, and only then.
  useEffect(() => {
    if (!shown) return;
    const { link } = shown;
    const before = link.getAttribute('aria-describedby');
    link.setAttribute('aria-describedby', before ? `${before} ${CARD_ID}` : CARD_ID);
    return () => {
      if (before === null) link.removeAttribute('aria-describedby');
      else link.setAttribute('aria-describedby', before);
    };
  }, [shown]);

  if (!shown) return null;
  const { preview } = shown;
  return (
    <div
      id={CARD_ID}
      role="tooltip"
      className={shown.above ? 'preview-card above' : 'preview-card'}
      data-kind={preview.kind}
      style={{ top: shown.top, left: shown.left }}
    >
      <p className="preview-card-kind">
        <KindBadge kind={preview.kind} stub={preview.stub} />
      </p>
      <p className="preview-card-title">{preview.title}</p>
      {preview.summary && <p className="preview-card-summary">{preview.summary}</p>}
    </div>
  );
}
