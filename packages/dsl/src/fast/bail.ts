// How the fast path gives up: one shared value thrown from anywhere in the scanner or the parser
// and caught once at the top. Not an Error: no stack trace is captured, so bailing is cheap.

export class Bail {
  readonly reason = "the fast parser leaves this text to the chevrotain parser";
}

export const BAIL: Bail = new Bail();
