import { describe, expect, it } from 'vitest';
import { extractWikilinks, maskCodeAndMath, parseWikilinkInner, stripComments, wikilinksAsText } from '../../lib/content/wikilinks';

const targets = (md: string) => extractWikilinks(md).map((l) => `${l.line}:${l.target}`);

describe('extractWikilinks: only what a reader sees as a link', () => {
  it.each([
    ['plain link', 'see [[Note]]', ['1:Note']],
    ['inline code', 'see `[[Note]]` and [[Other]]', ['1:Other']],
    ['double-backtick code holding a backtick', 'x ``a ` [[Note]]`` [[B]]', ['1:B']],
    ['fenced code', '```\n[[Note]]\n```\n[[After]]', ['4:After']],
    ['tilde fence closed only by its own kind', '~~~\n```\n[[Note]]\n~~~\n[[After]]', ['5:After']],
    ['inline math', 'ratio $[[A]]/[[B]]$ and [[C]]', ['1:C']],
    ['inline math with ]] and <', 'bound $[[u4 < 1.55]]$ holds', []],
    ['double-dollar inline math', 'code $$[[144,12,12]]$$ code', []],
    ['display math block', '$$\n[[144,12,12]] \\quad x]]\n$$\n[[After]]', ['4:After']],
    ['escaped dollar is text', 'costs \\$5 and [[Note]] \\$6', ['1:Note']],
    ['embed of a note', '![[Note#Heading]]', ['1:Note']],
    ['embed of an image is no edge', '![[diagram.png]]', []],
    ['block reference', '[[Note#^abc123]]', ['1:Note']],
  ])('%s', (_name, md, expected) => {
    expect(targets(md)).toEqual(expected);
  });
});

describe('stripComments', () => {
  it('removes %% and HTML comments, keeping every line break so later lines keep their numbers', () => {
    const { text } = stripComments('a %%hidden [[X]]%% b\n%%\nmulti [[Y]]\n%%\n<!-- [[Z]] -->c [[Kept]]');
    expect(text).toBe('a  b\n\n\n\nc [[Kept]]');
    expect(targets(text)).toEqual(['5:Kept']);
  });

  it('leaves comment markers inside code and math alone', () => {
    const md = '`%% not a comment %%` and $50%% + x%%$\n```\n<!-- code -->\n```';
    expect(stripComments(md).text).toBe(md);
  });

  it('says where a comment is opened and never closed', () => {
    expect(stripComments('fine\nstart %% never closed\n[[X]]')).toEqual({ text: 'fine\nstart \n', unclosedLine: 1 });
  });
});

describe('parseWikilinkInner and wikilinksAsText', () => {
  it('splits target, heading, block and text', () => {
    expect(parseWikilinkInner('Folder/Note#Part|shown')).toEqual({ target: 'Folder/Note', heading: 'Part', text: 'shown' });
    expect(parseWikilinkInner('Note#^blk-1')).toEqual({ target: 'Note', block: 'blk-1' });
  });

  it('reads a title written with a wikilink as its words', () => {
    expect(wikilinksAsText('An Introduction to [[dataview|Dataview]]')).toBe('An Introduction to Dataview');
    expect(wikilinksAsText('About [[Graphs]]')).toBe('About Graphs');
  });

  it('masks code and math to spaces of the same length', () => {
    const md = 'a `b` $c$ d\n$$\ne\n$$';
    const masked = maskCodeAndMath(md);
    expect(masked).toHaveLength(md.length);
    expect(masked).toBe('a         d\n  \n \n  ');
  });
});
