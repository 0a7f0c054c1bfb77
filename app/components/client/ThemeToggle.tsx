'use client';

import { useState } from 'react';

/** The reader's choice: follow the system, or keep one theme. */
export type ThemeChoice = 'system' | 'light' | 'dark';

const CHOICES: readonly { readonly value: ThemeChoice; readonly label: string }[] = [
  { value: 'system', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

/** A year: the choice outlives the session without asking the reader again. */
const ONE_YEAR = 60 * 60 * 24 * 365;

/** Shows the choice at once and remembers it in the cookie the layout reads. */
function applyTheme(choice: ThemeChoice): void {
  const root = document.documentElement;
  const secure = location.protocol === 'https:' ? '; Secure' : '';
  if (choice === 'system') {
    delete root.dataset.theme;
    document.cookie = `theme=; Path=/; Max-Age=0; SameSite=Lax${secure}`;
  } else {
    root.dataset.theme = choice;
    document.cookie = `theme=${choice}; Path=/; Max-Age=${ONE_YEAR}; SameSite=Lax${secure}`;
  }
}

/**
 * System / Light / Dark, in the site header. The choice is a `theme` cookie that
 * app/layout.tsx reads to set `data-theme` on <html> before the first paint, so a
 * page never flashes the other theme and no inline script is needed (the CSP
 * forbids one). Here the attribute changes at once and the cookie is written for
 * the next page.
 */
export function ThemeToggle({ initial }: { initial: ThemeChoice }) {
  const [choice, setChoice] = useState<ThemeChoice>(initial);

  function choose(next: ThemeChoice) {
    setChoice(next);
    applyTheme(next);
  }

  return (
    <div className="theme-toggle" role="group" aria-label="Colour theme">
      {CHOICES.map(({ value, label }) => (
        <button key={value} type="button" aria-pressed={choice === value} onClick={() => choose(value)}>
          {label}
        </button>
      ))}
    </div>
  );
}
