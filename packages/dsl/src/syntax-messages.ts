// Chevrotain's error messages, rephrased the way archc speaks: "expected X, found Y (in Z)".

import type { IParserErrorMessageProvider, IToken, TokenType } from "chevrotain";

const RULE_CONTEXT: Record<string, string> = {
  fileRule: "at the top level",
  decl: "at the top level",
  importDecl: "in an import",
  systemDecl: "in a system declaration",
  typeDecl: "in a type declaration",
  field: "in a record field",
  enumDecl: "in an enum",
  storeDecl: "in a store declaration",
  brokerDecl: "in a broker declaration",
  topicDecl: "in a topic declaration",
  eventDecl: "in an event declaration",
  serviceDecl: "in a service",
  serviceMember: "in a service",
  replicasMember: "in `replicas`",
  resourcesMember: "in `resources`",
  balanceMember: "in `balance`",
  envMember: "in `env`",
  secretMember: "in `secret`",
  usesMember: "in `uses`",
  apiDecl: "in an api block",
  opDecl: "in an op declaration",
  httpBinding: "in an HTTP binding",
  callsMember: "in `calls`",
  breakerPolicy: "in `breaker N in D`",
  publishesMember: "in `publishes`",
  consumesMember: "in `consumes`",
  flowDecl: "in a flow",
  sloProp: "in `slo`",
  flowExpr: "in a flow expression",
  flowPar: "in a flow expression",
  flowAtom: "in a flow expression",
  sagaDecl: "in a saga",
  sagaParallel: "in a parallel group",
  sagaStep: "in a saga step",
  sagaCall: "in a saga step",
  gatewayDecl: "in a gateway",
  authMember: "in `auth`",
  corsMember: "in `cors`",
  routeMember: "in a route",
  deployDecl: "in a deploy block",
  deployBlock: "in a deploy block",
  canaryMember: "in `canary`",
  rulesDecl: "in a rules block",
  typeRef: "in a type",
  typeAtom: "in a type",
  opRef: "in an op reference (write `service.op`)",
  simpleMember: "in a property",
  simpleBlock: "in a block",
  literal: "in a value",
  name: "",
};

function label(t: TokenType): string {
  return t.LABEL ?? t.name;
}

/**
 * What the parser "found" when its input ran out. The file is parsed one declaration at a
 * time, so the end of the input is usually the start of the next declaration.
 */
let nextDeclaration: IToken | undefined;

/** Sets the token after the input being parsed (described only if an error needs it). */
export function describeEndOfInput(next: IToken | undefined): void {
  nextDeclaration = next;
}

function endOfInput(): string {
  return nextDeclaration
    ? `\`${nextDeclaration.image}\` (the start of the next declaration)`
    : "the end of the file";
}

function found(t: IToken | undefined): string {
  if (!t || Number.isNaN(t.startOffset) || t.tokenType?.name === "EOF") return endOfInput();
  const image = t.image.length > 30 ? `${t.image.slice(0, 30)}…` : t.image;
  return `\`${image}\``;
}

function context(ruleName: string): string {
  const c = RULE_CONTEXT[ruleName];
  return c ? ` ${c}` : "";
}

/** Lists alternatives, folding the many keyword starts of a declaration into one phrase. */
function describeAlternatives(starts: TokenType[], ruleName: string): string {
  if (ruleName === "decl" || ruleName === "fileRule")
    return "a declaration (`service`, `type`, `flow`, `saga`, …)";
  const labels = [...new Set(starts.map(label))];
  if (labels.length === 1) return labels[0];
  if (labels.length > 6) return `${labels.slice(0, 6).join(", ")}, …`;
  return `one of ${labels.slice(0, -1).join(", ")} or ${labels[labels.length - 1]}`;
}

export const syntaxMessages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, actual, ruleName }) {
    if (expected.name === "EOF")
      return `expected ${describeAlternatives([], "decl")}, found ${found(actual)}${context(ruleName)}`;
    return `expected ${label(expected)}, found ${found(actual)}${context(ruleName)}`;
  },
  buildNotAllInputParsedMessage({ firstRedundant, ruleName }) {
    return `expected ${describeAlternatives([], "decl")}, found ${found(firstRedundant)}${context(ruleName)}`;
  },
  buildNoViableAltMessage({ expectedPathsPerAlt, actual, ruleName }) {
    const starts = expectedPathsPerAlt
      .flatMap((alt) => alt.map((path) => path[0]))
      .filter((t): t is TokenType => !!t);
    return `expected ${describeAlternatives(starts, ruleName)}, found ${found(actual[0])}${context(ruleName)}`;
  },
  buildEarlyExitMessage({ expectedIterationPaths, actual, ruleName }) {
    const starts = expectedIterationPaths.map((path) => path[0]).filter((t): t is TokenType => !!t);
    return `expected at least one ${describeAlternatives(starts, ruleName)}, found ${found(actual[0])}${context(ruleName)}`;
  },
};
