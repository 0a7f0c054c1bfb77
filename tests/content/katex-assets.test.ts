import { describe, expect, it } from 'vitest';
import { KATEX_PATH, KATEX_STYLESHEET, readKatexAsset } from '../../lib/site/katex-assets';

const segments = (url: string) => url.slice('/katex/'.length).split('/');

describe('KaTeX assets', () => {
  it('serves the stylesheet and the fonts it names, under KaTeX\'s version', () => {
    const css = readKatexAsset(segments(KATEX_STYLESHEET));
    expect(css?.type).toBe('text/css; charset=utf-8');
    const font = /url\((fonts\/KaTeX_Main-Regular\.woff2)\)/.exec(css?.body.toString() ?? '')?.[1];
    expect(font).toBeDefined();
    expect(readKatexAsset(segments(`${KATEX_PATH}${font}`))?.type).toBe('font/woff2');
  });

  it.each(['../package.json', 'katex.js', 'fonts/../../package.json', 'fonts/KaTeX_Main-Regular.woff2/../../katex.js'])('serves nothing else: %s', (name) => {
    expect(readKatexAsset(segments(`${KATEX_PATH}${name}`))).toBeUndefined();
  });

  it('serves nothing under another version', () => {
    expect(readKatexAsset(['0.0.1', 'katex.min.css'])).toBeUndefined();
  });
});
