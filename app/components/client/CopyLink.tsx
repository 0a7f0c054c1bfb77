'use client';

import { useEffect, useRef, useState } from 'react';

type Status = 'idle' | 'copied' | 'manual';

/** How long "Link copied" stays on screen. */
const SHOWN_MS = 4000;

/**
 * "Copy link": puts the page's canonical URL on the clipboard and says so in a
 * live region. Where the Clipboard API is missing or refused (a page served over
 * plain HTTP, a browser that asks and is told no), the URL appears in a text
 * field, selected, for the reader to copy by hand.
 */
export function CopyLink({ url }: { url: string }) {
  const [status, setStatus] = useState<Status>('idle');
  const field = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (status === 'manual') {
      field.current?.focus();
      field.current?.select();
    }
    if (status !== 'copied') return;
    const timer = setTimeout(() => setStatus('idle'), SHOWN_MS);
    return () => clearTimeout(timer);
  }, [status]);

  async function copy() {
    // Cleared first, so that a second click is announced again.
    setStatus('idle');
    try {
      await navigator.clipboard.writeText(url);
      setStatus('copied');
    } catch {
      setStatus('manual');
    }
  }

  return (
    <div className="copy-link">
      <button type="button" onClick={copy}>
        Copy link
      </button>
      {status === 'manual' && (
        <input
          ref={field}
          className="copy-link-field"
          type="text"
          readOnly
          value={url}
          aria-label="Link to this page"
          onFocus={(event) => event.currentTarget.select()}
        />
      )}
      <span className="copy-link-status" role="status" aria-live="polite">
        {status === 'copied' ? 'Link copied' : status === 'manual' ? 'Select the link and copy it (Ctrl+C or ⌘C)' : ''}
      </span>
    </div>
  );
}
