import { describe, it, expect } from 'vitest';
import { KUBECTL_TABWRITER, TabWriter, TabwriterFlags, tabulate, type TabwriterOptions } from './tabwriter.ts';

const { FilterHTML, AlignRight, DiscardEmptyColumns, Debug, RememberWidths } = TabwriterFlags;

interface Case {
  readonly name: string;
  readonly minwidth: number;
  readonly tabwidth: number;
  readonly padding: number;
  readonly padchar: string;
  readonly flags: number;
  readonly src: string;
  readonly expected: string;
}

const c = (
  name: string,
  minwidth: number,
  tabwidth: number,
  padding: number,
  padchar: string,
  flags: number,
  src: string,
  expected: string,
): Case => ({ name, minwidth, tabwidth, padding, padchar, flags, src, expected });

// mirrors the `tests` table of Test in liggitt/tabwriter tabwriter_test.go (= go/src/text/tabwriter),
// minus the Escape cases (0xff cannot occur in a JS string of valid UTF-8 text) and GraphemeClusterWidth,
// which the version kubectl vendors does not have.
const goCases: readonly Case[] = [
  c('1a', 8, 0, 1, '.', 0, '', ''),
  c('1a debug', 8, 0, 1, '.', Debug, '', ''),
  c('2', 8, 0, 1, '.', 0, '\n\n\n', '\n\n\n'),
  c('3', 8, 0, 1, '.', 0, 'a\nb\nc', 'a\nb\nc'),
  c('4a', 8, 0, 1, '.', 0, '\t', ''),
  c('4b', 8, 0, 1, '.', AlignRight, '\t', ''),
  c('5', 8, 0, 1, '.', 0, '*\t*', '*.......*'),
  c('5b', 8, 0, 1, '.', 0, '*\t*\n', '*.......*\n'),
  c('5c', 8, 0, 1, '.', 0, '*\t*\t', '*.......*'),
  c('5c debug', 8, 0, 1, '.', Debug, '*\t*\t', '*.......|*'),
  c('5d', 8, 0, 1, '.', AlignRight, '*\t*\t', '.......**'),
  c('6', 8, 0, 1, '.', 0, '\t\n', '........\n'),
  c('7a', 8, 0, 1, '.', 0, 'a) foo', 'a) foo'),
  c('7b', 8, 0, 1, ' ', 0, 'b) foo\tbar', 'b) foo  bar'),
  c('7c', 8, 0, 1, '.', 0, 'c) foo\tbar\t', 'c) foo..bar'),
  c('7d', 8, 0, 1, '.', 0, 'd) foo\tbar\n', 'd) foo..bar\n'),
  c('7e', 8, 0, 1, '.', 0, 'e) foo\tbar\t\n', 'e) foo..bar.....\n'),
  c('7f', 8, 0, 1, '.', FilterHTML, 'f) f&lt;o\t<b>bar</b>\t\n', 'f) f&lt;o..<b>bar</b>.....\n'),
  c(
    '7g',
    8,
    0,
    1,
    '.',
    FilterHTML,
    'g) f&lt;o\t<b>bar</b>\t non-terminated entity &amp',
    'g) f&lt;o..<b>bar</b>..... non-terminated entity &amp',
  ),
  c(
    '7g debug',
    8,
    0,
    1,
    '.',
    FilterHTML | Debug,
    'g) f&lt;o\t<b>bar</b>\t non-terminated entity &amp',
    'g) f&lt;o..|<b>bar</b>.....| non-terminated entity &amp',
  ),
  c('8', 8, 0, 1, '*', 0, 'Hello, world!\n', 'Hello, world!\n'),
  c('9a', 1, 0, 0, '.', 0, '1\t2\t3\t4\n' + '11\t222\t3333\t44444\n', '1.2..3...4\n' + '11222333344444\n'),
  c(
    '9b',
    1,
    0,
    0,
    '.',
    FilterHTML,
    '1\t2<!---\f--->\t3\t4\n' + '11\t222\t3333\t44444\n',
    '1.2<!---\f--->..3...4\n' + '11222333344444\n',
  ),
  c('9c', 1, 0, 0, '.', 0, '1\t2\t3\t4\f' + '11\t222\t3333\t44444\n', '1234\n' + '11222333344444\n'),
  c(
    '9c debug',
    1,
    0,
    0,
    '.',
    Debug,
    '1\t2\t3\t4\f' + '11\t222\t3333\t44444\n',
    '1|2|3|4\n' + '---\n' + '11|222|3333|44444\n',
  ),
  c('10a', 5, 0, 0, '.', 0, '1\t2\t3\t4\n', '1....2....3....4\n'),
  c('10b', 5, 0, 0, '.', 0, '1\t2\t3\t4\t\n', '1....2....3....4....\n'),
  c(
    '11',
    8,
    0,
    1,
    '.',
    0,
    '本\tb\tc\n' + 'aa\t\u672c\u672c\u672c\tcccc\tddddd\n' + 'aaa\tbbbb\n',
    '本.......b.......c\n' + 'aa......本本本.....cccc....ddddd\n' + 'aaa.....bbbb\n',
  ),
  c(
    '12a',
    8,
    0,
    1,
    ' ',
    AlignRight,
    'a\tè\tc\t\n' + 'aa\tèèè\tcccc\tddddd\t\n' + 'aaa\tèèèè\t\n',
    '       a       è       c\n' + '      aa     èèè    cccc   ddddd\n' + '     aaa    èèèè\n',
  ),
  c(
    '12b',
    2,
    0,
    0,
    ' ',
    0,
    'a\tb\tc\n' + 'aa\tbbb\tcccc\n' + 'aaa\tbbbb\n',
    'a  b  c\n' + 'aa bbbcccc\n' + 'aaabbbb\n',
  ),
  c(
    '12c',
    8,
    0,
    1,
    '_',
    0,
    'a\tb\tc\n' + 'aa\tbbb\tcccc\n' + 'aaa\tbbbb\n',
    'a_______b_______c\n' + 'aa______bbb_____cccc\n' + 'aaa_____bbbb\n',
  ),
  c(
    '13a',
    4,
    0,
    1,
    '-',
    0,
    '4444\t日本語\t22\t1\t333\n' +
      '999999999\t22\n' +
      '7\t22\n' +
      '\t\t\t88888888\n' +
      '\n' +
      '666666\t666666\t666666\t4444\n' +
      '1\t1\t999999999\t0000000000\n',
    '4444------日本語-22--1---333\n' +
      '999999999-22\n' +
      '7---------22\n' +
      '------------------88888888\n' +
      '\n' +
      '666666-666666-666666----4444\n' +
      '1------1------999999999-0000000000\n',
  ),
  c(
    '13b',
    4,
    0,
    3,
    '.',
    0,
    '4444\t333\t22\t1\t333\n' +
      '999999999\t22\n' +
      '7\t22\n' +
      '\t\t\t88888888\n' +
      '\n' +
      '666666\t666666\t666666\t4444\n' +
      '1\t1\t999999999\t0000000000\n',
    '4444........333...22...1...333\n' +
      '999999999...22\n' +
      '7...........22\n' +
      '....................88888888\n' +
      '\n' +
      '666666...666666...666666......4444\n' +
      '1........1........999999999...0000000000\n',
  ),
  c(
    '13c',
    8,
    8,
    1,
    '\t',
    FilterHTML,
    '4444\t333\t22\t1\t333\n' +
      '999999999\t22\n' +
      '7\t22\n' +
      '\t\t\t88888888\n' +
      '\n' +
      '666666\t666666\t666666\t4444\n' +
      '1\t1\t<font color=red attr=日本語>999999999</font>\t0000000000\n',
    '4444\t\t333\t22\t1\t333\n' +
      '999999999\t22\n' +
      '7\t\t22\n' +
      '\t\t\t\t88888888\n' +
      '\n' +
      '666666\t666666\t666666\t\t4444\n' +
      '1\t1\t<font color=red attr=日本語>999999999</font>\t0000000000\n',
  ),
  c(
    '14',
    1,
    0,
    2,
    ' ',
    AlignRight,
    '.0\t.3\t2.4\t-5.1\t\n' +
      '23.0\t12345678.9\t2.4\t-989.4\t\n' +
      '5.1\t12.0\t2.4\t-7.0\t\n' +
      '.0\t0.0\t332.0\t8908.0\t\n' +
      '.0\t-.3\t456.4\t22.1\t\n' +
      '.0\t1.2\t44.4\t-13.3\t\t',
    '    .0          .3    2.4    -5.1\n' +
      '  23.0  12345678.9    2.4  -989.4\n' +
      '   5.1        12.0    2.4    -7.0\n' +
      '    .0         0.0  332.0  8908.0\n' +
      '    .0         -.3  456.4    22.1\n' +
      '    .0         1.2   44.4   -13.3',
  ),
  c(
    '14 debug',
    1,
    0,
    2,
    ' ',
    AlignRight | Debug,
    '.0\t.3\t2.4\t-5.1\t\n' +
      '23.0\t12345678.9\t2.4\t-989.4\t\n' +
      '5.1\t12.0\t2.4\t-7.0\t\n' +
      '.0\t0.0\t332.0\t8908.0\t\n' +
      '.0\t-.3\t456.4\t22.1\t\n' +
      '.0\t1.2\t44.4\t-13.3\t\t',
    '    .0|          .3|    2.4|    -5.1|\n' +
      '  23.0|  12345678.9|    2.4|  -989.4|\n' +
      '   5.1|        12.0|    2.4|    -7.0|\n' +
      '    .0|         0.0|  332.0|  8908.0|\n' +
      '    .0|         -.3|  456.4|    22.1|\n' +
      '    .0|         1.2|   44.4|   -13.3|',
  ),
  c('15a', 4, 0, 0, '.', 0, 'a\t\tb', 'a.......b'),
  c('15b', 4, 0, 0, '.', DiscardEmptyColumns, 'a\t\tb', 'a.......b'),
  c('15c', 4, 0, 0, '.', DiscardEmptyColumns, 'a\v\vb', 'a...b'),
  c('15d', 4, 0, 0, '.', AlignRight | DiscardEmptyColumns, 'a\v\vb', '...ab'),
  c(
    '16a',
    100,
    100,
    0,
    '\t',
    0,
    'a\tb\t\td\n' + 'a\tb\t\td\te\n' + 'a\n' + 'a\tb\tc\td\n' + 'a\tb\tc\td\te\n',
    'a\tb\t\td\n' + 'a\tb\t\td\te\n' + 'a\n' + 'a\tb\tc\td\n' + 'a\tb\tc\td\te\n',
  ),
  c(
    '16b',
    100,
    100,
    0,
    '\t',
    DiscardEmptyColumns,
    'a\vb\v\vd\n' + 'a\vb\v\vd\ve\n' + 'a\n' + 'a\vb\vc\vd\n' + 'a\vb\vc\vd\ve\n',
    'a\tb\td\n' + 'a\tb\td\te\n' + 'a\n' + 'a\tb\tc\td\n' + 'a\tb\tc\td\te\n',
  ),
  c(
    '16b debug',
    100,
    100,
    0,
    '\t',
    DiscardEmptyColumns | Debug,
    'a\vb\v\vd\n' + 'a\vb\v\vd\ve\n' + 'a\n' + 'a\vb\vc\vd\n' + 'a\vb\vc\vd\ve\n',
    'a\t|b\t||d\n' + 'a\t|b\t||d\t|e\n' + 'a\n' + 'a\t|b\t|c\t|d\n' + 'a\t|b\t|c\t|d\t|e\n',
  ),
  c(
    '16c',
    100,
    100,
    0,
    '\t',
    DiscardEmptyColumns,
    'a\tb\t\td\n' + 'a\tb\t\td\te\n' + 'a\n' + 'a\tb\tc\td\n' + 'a\tb\tc\td\te\n',
    'a\tb\t\td\n' + 'a\tb\t\td\te\n' + 'a\n' + 'a\tb\tc\td\n' + 'a\tb\tc\td\te\n',
  ),
  c(
    '16c debug',
    100,
    100,
    0,
    '\t',
    DiscardEmptyColumns | Debug,
    'a\tb\t\td\n' + 'a\tb\t\td\te\n' + 'a\n' + 'a\tb\tc\td\n' + 'a\tb\tc\td\te\n',
    'a\t|b\t|\t|d\n' + 'a\t|b\t|\t|d\t|e\n' + 'a\n' + 'a\t|b\t|c\t|d\n' + 'a\t|b\t|c\t|d\t|e\n',
  ),
];

function optionsOf(t: Case): TabwriterOptions {
  return { minwidth: t.minwidth, tabwidth: t.tabwidth, padding: t.padding, padchar: t.padchar, flags: t.flags };
}

// mirrors check() in tabwriter_test.go: the same writer is reused for three ways of chunking the input.
describe('TabWriter (Go text/tabwriter test table)', () => {
  it.each(goCases)('$name', (t) => {
    const w = new TabWriter(optionsOf(t));
    let seen = 0;
    const verify = (how: string): void => {
      w.flush();
      const all = w.output;
      expect(all.slice(seen), how).toBe(t.expected);
      seen = all.length;
    };

    w.write(t.src);
    verify('written all at once');

    for (const ch of t.src.split('')) w.write(ch);
    verify('written unit by unit');

    for (let i = 0, d = 0; i < t.src.length; ) {
      w.write(t.src.slice(i, i + d));
      i += d;
      d++;
      if (i + d > t.src.length) d = t.src.length - i;
    }
    verify('written in fibonacci slices');
  });

  it('rejects negative sizes like tabwriter.Init', () => {
    expect(() => new TabWriter({ ...KUBECTL_TABWRITER, padding: -1 })).toThrow(RangeError);
  });
});

// mirrors TestMultiWrite in liggitt/tabwriter tabwriter_test.go (RememberWidths across flushes)
describe('TabWriter RememberWidths', () => {
  const opts: TabwriterOptions = { minwidth: 6, tabwidth: 4, padding: 3, padchar: ' ', flags: RememberWidths };

  // Writes src, flushes, and returns only what that flush printed.
  const flushed = (w: TabWriter, src: string): string => {
    const before = w.output.length;
    w.write(src);
    w.flush();
    return w.output.slice(before);
  };

  it('TestMultiWrite', () => {
    const w = new TabWriter(opts);
    w.write('First\tMiddle\tLast\n');
    w.write('a\tbb\tccc\n');
    w.write('ddd\teeeeeeeeeeeeee\tf\n');
    w.flush();
    expect(w.output).toBe(
      'First   Middle           Last\n' + 'a       bb               ccc\n' + 'ddd     eeeeeeeeeeeeee   f\n',
    );
    expect(flushed(w, 'g\th\ti\n')).toBe('g       h                i\n');
    expect(flushed(w, 'j\t\t\n')).toBe('j                        \n');
    expect(flushed(w, '\tk\t\n')).toBe('        k                \n');
    expect(flushed(w, '\t\tl\n')).toBe('                         l\n');
    expect(flushed(w, 'mmmmmmmmmmmmmmm\tnnn\tooo\n')).toBe('mmmmmmmmmmmmmmm   nnn              ooo\n');

    // Seamlessly transferring remembered column widths to a new writer.
    const next = new TabWriter(opts).setRememberedWidths(w.rememberedWidths());
    expect(flushed(next, 'p\tq\tr\n')).toBe('p                 q                r\n');
    expect(next.rememberedWidths()).toEqual([18, 17]);

    // Reset remembered widths (what kubectl does before each resource type's table).
    next.setRememberedWidths(null);
    expect(flushed(next, 'sssss\tt\tu\n')).toBe('sssss   t     u\n');
    expect(next.rememberedWidths()).toEqual([8, 6]);

    next.setRememberedWidths([10, 5, 5]);
    expect(flushed(next, 'v\tw\tx\n')).toBe('v         w     x\n');
  });

  it('cannot re-pad lines an earlier flush already printed', () => {
    const w = new TabWriter(opts);
    expect(flushed(w, 'First\tMiddle\tLast\n')).toBe('First   Middle   Last\n');
    expect(flushed(w, 'a\tbb\tccc\n')).toBe('a       bb       ccc\n');
    expect(flushed(w, 'ddd\teeeeeeeeeeeeee\tf\n')).toBe('ddd     eeeeeeeeeeeeee   f\n');
  });
});

describe('tabulate with kubectl settings', () => {
  it('checks cli-runtime GetNewTabWriter parameters', () => {
    expect(KUBECTL_TABWRITER).toEqual({ minwidth: 6, tabwidth: 4, padding: 3, padchar: ' ', flags: RememberWidths });
  });

  it('reproduces a real `kubectl get ds -A` byte for byte', () => {
    const src =
      'NAMESPACE\tNAME\tDESIRED\tCURRENT\tREADY\tUP-TO-DATE\tAVAILABLE\tNODE SELECTOR\tAGE\n' +
      'kube-system\tkube-flannel-ds\t1\t1\t1\t1\t1\t<none>\t4m14s\n' +
      'kube-system\tkube-proxy\t1\t1\t1\t1\t1\tkubernetes.io/os=linux\t4m16s\n';
    expect(tabulate(src)).toBe(
      'NAMESPACE     NAME              DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR            AGE\n' +
        'kube-system   kube-flannel-ds   1         1         1       1            1           <none>                   4m14s\n' +
        'kube-system   kube-proxy        1         1         1       1            1           kubernetes.io/os=linux   4m16s\n',
    );
  });

  it('reproduces real `kubectl get pods` and `get svc` outputs', () => {
    expect(
      tabulate(
        'NAME\tREADY\tSTATUS\tRESTARTS\tAGE\n' +
          'coredns-7db6d8ff4d-7kb9x\t1/1\tRunning\t2 (131m ago)\t4d21h\n' +
          'coredns-7db6d8ff4d-gkp5z\t1/1\tRunning\t2 (131m ago)\t4d21h\n',
      ),
    ).toBe(
      'NAME                       READY   STATUS    RESTARTS       AGE\n' +
        'coredns-7db6d8ff4d-7kb9x   1/1     Running   2 (131m ago)   4d21h\n' +
        'coredns-7db6d8ff4d-gkp5z   1/1     Running   2 (131m ago)   4d21h\n',
    );
    expect(
      tabulate(
        'NAME\tTYPE\tCLUSTER-IP\tEXTERNAL-IP\tPORT(S)\tAGE\n' +
          'kube-dns\tClusterIP\t10.96.0.10\t<none>\t53/UDP,53/TCP,9153/TCP\t4d21h\n',
      ),
    ).toBe(
      'NAME       TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)                  AGE\n' +
        'kube-dns   ClusterIP   10.96.0.10   <none>        53/UDP,53/TCP,9153/TCP   4d21h\n',
    );
  });

  it('pads short columns to minwidth 6 and never pads the last cell', () => {
    expect(tabulate('A\tB\n1\t2\n')).toBe('A     B\n1     2\n');
    expect(tabulate('NAME\tAGE\nx\t5s\n')).toBe('NAME   AGE\nx      5s\n');
  });

  it('keeps a trailing tab as an empty padded column (Go semantics)', () => {
    // With a trailing tab, "b" and "d" are in a column and get padded; the empty text after the tab is not.
    expect(tabulate('a\tb\t\nccc\td\t\n')).toBe('a     b     \nccc   d     \n');
  });

  it('forms column blocks from consecutive lines only', () => {
    // A single-cell line (here a blank one) ends the block and makes Go flush; the next group is aligned on its
    // own, except that RememberWidths (kubectl's flag) carries the widest width seen so far into it.
    const src = 'a\tb\nlong-name\tc\n\nx\ty\n';
    expect(tabulate(src, { ...KUBECTL_TABWRITER, flags: 0 })).toBe('a           b\nlong-name   c\n\nx     y\n');
    expect(tabulate(src)).toBe('a           b\nlong-name   c\n\nx           y\n');
  });

  it('measures width in code points, not UTF-16 units', () => {
    expect(tabulate('\u{1F600}\tx\nab\ty\n')).toBe('\u{1F600}     x\nab    y\n');
  });
});
