import { Argument, From, Instruction } from 'dockerfile-ast';

/**
 * dockerfile-ast finds an instruction's arguments by scanning its text again on every `getArguments()` call, and
 * calls it itself over and over while it builds the tree: the constructor of a RUN, COPY, CMD... scans four
 * times, and the parser constructs each instruction twice (the first one only to look for heredocs, which is
 * another scan), so a RUN was scanned nine times before the model read it: most of the cost of parsing a
 * Dockerfile. The result depends only on the instruction's text, which never changes, so here it is scanned once
 * per instruction object.
 *
 * Callers still get a new array on every call, as before, since the library shifts the flags off it. The
 * Argument objects are shared, as the library's own cached flags are, except on FROM, whose image-range methods
 * move the ends of the range they get from the first argument: there every call gets new Argument and Range
 * objects (the positions are shared; nothing assigns to those).
 *
 * Installed once, on the copy of dockerfile-ast this bundle carries; with a version of the library that no longer
 * has the private `getRawArguments`, nothing changes.
 */
export function memoiseArgumentScans(): void {
  const proto = Instruction.prototype as unknown as { getRawArguments?: RawArguments };
  const scan = proto.getRawArguments;
  if (typeof scan !== 'function' || scan.memoised) return;
  const ArgumentClass = Argument;
  const FromClass = From;
  const memoised: RawArguments = function (this: Instruction) {
    const self = this as unknown as { [SCANNED]?: Argument[] };
    let args = self[SCANNED];
    if (!args) {
      args = scan.call(this);
      // kept on the instruction itself (quicker to find than in a WeakMap), not enumerable: nothing that walks
      // the node's keys sees it
      Object.defineProperty(this, SCANNED, { value: args });
    }
    if (!(this instanceof FromClass)) return args.slice();
    return args.map((a) => {
      const r = a.getRange();
      return new ArgumentClass(a.getValue(), { start: r.start, end: r.end });
    });
  };
  memoised.memoised = true;
  proto.getRawArguments = memoised;
}

const SCANNED = Symbol('scanned arguments');

type RawArguments = ((this: Instruction) => Argument[]) & { memoised?: boolean };
