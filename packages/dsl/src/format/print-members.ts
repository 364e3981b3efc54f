// Members of blocks: service members (with APIs and ops), gateway, deploy, rules and saga items.

import type * as A from "../ast.js";
import type { CommentPlacement } from "./comments.js";
import type { Doc } from "./doc.js";
import { block, COMMA_LIST, hangingTail, MEMBER_LINES, PROPERTY_LIST } from "./print-block.js";
import { literalText, opRefText, quoteString, typeText } from "./print-terms.js";

export function printSimple(m: A.SimpleMember): Doc {
  return m.kind === "Flag" ? m.name.text : [m.key.text, " ", literalText(m.value)];
}

export function printServiceMember(ctx: CommentPlacement, m: A.ServiceMember): Doc {
  switch (m.kind) {
    case "Property":
    case "Flag":
      return printSimple(m);
    case "Replicas":
      return ["replicas ", literalText(m.count), m.cpuTarget ? [" cpu ", literalText(m.cpuTarget)] : ""];
    case "Resources": {
      const parts: Doc[][] = [];
      if (m.cpu) parts.push(["cpu ", literalText(m.cpu)]);
      if (m.memory) parts.push(["memory ", literalText(m.memory)]);
      return ["resources ", block(ctx, m, parts, (p) => p, PROPERTY_LIST)];
    }
    case "Balance":
      return printBalance(m);
    case "Env":
      return ["env ", block(ctx, m, m.entries, printEnvEntry, COMMA_LIST)];
    case "Secret":
      return ["secret ", m.name.text, " from ", quoteString(m.from.value)];
    case "Uses":
      return ["uses ", m.store.text, m.mode ? [" ", m.mode.text] : ""];
    case "Api":
      return [
        "api ",
        m.name.text,
        m.protocol ? [" ", m.protocol.text] : "",
        " ",
        block(ctx, m, m.ops, printOp, MEMBER_LINES),
      ];
    case "Calls":
      return [
        "calls ",
        opRefText(m.target),
        m.hasBlock ? [" ", block(ctx, m, m.policy, printPolicy, PROPERTY_LIST)] : "",
      ];
    case "Publishes":
      return ["publishes ", m.event.text];
    case "Consumes": {
      const h = m.handler;
      return ["consumes ", m.event.text, h ? [" -> ", h.api ? `${h.api.text}.${h.op.text}` : h.op.text] : ""];
    }
  }
}

function printBalance(m: A.BalanceMember): Doc {
  return ["balance ", m.strategy.text, m.hashField ? [" ", m.hashField.text] : ""];
}

function printEnvEntry(e: A.EnvEntry): Doc {
  return [e.key.text, " = ", literalText(e.value)];
}

function printOp(op: A.OpDecl): Doc {
  const tail: Doc[] = [];
  if (op.errors.length > 0) tail.push(["! ", op.errors.map((e) => e.text).join(" | ")]);
  if (op.http) tail.push([op.http.method.text, " ", quoteString(op.http.path.value)]);
  for (const m of op.modifiers) tail.push(printSimple(m));
  return hangingTail(["op ", op.name.text, ": ", typeText(op.domain), " -> ", typeText(op.codomain)], tail);
}

function printPolicy(p: A.PolicyItem): Doc {
  return p.kind === "Breaker" ? ["breaker ", p.failures.raw, " in ", p.window.raw] : printSimple(p);
}

export function printGatewayMember(ctx: CommentPlacement, m: A.GatewayMember): Doc {
  switch (m.kind) {
    case "Property":
    case "Flag":
      return printSimple(m);
    case "Auth":
      return [
        "auth ",
        m.scheme.text,
        m.props.length > 0 || ctx.dangling(m).length > 0
          ? [" ", block(ctx, m, m.props, printSimple, PROPERTY_LIST)]
          : "",
      ];
    case "Cors": {
      const origins =
        m.origins.length > 0
          ? [
              {
                doc: hangingTail(
                  "origins",
                  m.origins.map((o) => quoteString(o.value)),
                ),
              },
            ]
          : [];
      return ["cors ", block(ctx, m, m.props, printSimple, PROPERTY_LIST, origins)];
    }
    case "Route":
      return [
        "route ",
        quoteString(m.path.value),
        " -> ",
        m.service.text,
        m.api ? [".", m.api.text] : "",
        m.hasBlock
          ? [
              " ",
              block(
                ctx,
                m,
                m.props,
                (p) => (p.kind === "Balance" ? printBalance(p) : printSimple(p)),
                PROPERTY_LIST,
              ),
            ]
          : "",
      ];
  }
}

export function printDeployMember(ctx: CommentPlacement, m: A.DeployMember): Doc {
  if (m.kind === "Canary") return ["canary ", m.service.text, ".", m.api.text, " ", m.weight.raw];
  return [
    m.keyword.text,
    " ",
    m.value.text,
    m.hasBlock ? [" ", block(ctx, m, m.props, printSimple, PROPERTY_LIST)] : "",
  ];
}

export function printRulesItem(item: A.RulesItem): Doc {
  switch (item.kind) {
    case "FailOn":
      return ["fail-on ", item.level.text];
    case "Set":
      return ["set ", item.rule.text, " ", item.option.text, " ", literalText(item.value)];
    case "Allow":
      return ["allow ", item.rule.text, " on ", item.target.text, " ", quoteString(item.reason.value)];
  }
}

export function printSagaItem(ctx: CommentPlacement, item: A.SagaItem): Doc {
  if (item.kind === "Parallel") return ["parallel ", block(ctx, item, item.steps, printStep, MEMBER_LINES)];
  return printStep(item);
}

function printStep(s: A.SagaStep): Doc {
  const tail: Doc[] = [];
  if (s.compensation) tail.push(["compensate ", sagaCallText(s.compensation)]);
  if (s.retriable) tail.push("retriable");
  return hangingTail([s.role, " ", s.name.text, ": ", sagaCallText(s.action)], tail);
}

function sagaCallText(c: A.SagaCall): string {
  return c.source ? `${opRefText(c.ref)}(${c.source.text})` : opRefText(c.ref);
}
