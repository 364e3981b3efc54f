// The shape of a checker rule, after ESLint's: one module per rule with its metadata (id,
// default severity, docs, options with defaults, source) and a `check` that reads the checked
// Model and reports findings through its context.

import type { Model, ModelIndex, Service } from "@archc/compiler";
import type { Fix, RelatedInfo, Severity, Span } from "@archc/dsl";
import type { Analyses } from "./graph/analyses.js";

export type RuleCategory =
  | "structure"
  | "communication"
  | "events"
  | "sagas"
  | "operability"
  | "configuration";

export type OptionValue = number | string;

/** A value `rules { set <rule> <option> <value> }` may give an option. */
export interface RuleOption {
  readonly name: string;
  readonly default: OptionValue;
  readonly description: string;
  /** `count`: a whole number ≥ 0. `severity`: error | warning | info | off. */
  readonly type: "count" | "severity";
}

export interface RuleMeta {
  /** Stable kebab-case id: the diagnostic code of every finding. */
  readonly id: string;
  readonly severity: Severity;
  /** One line: what the rule finds. */
  readonly summary: string;
  readonly category: RuleCategory;
  /** Repository-relative path of the rule's page. */
  readonly docs: string;
  /** Where the docs page is published (SARIF `helpUri`). */
  readonly helpUri: string;
  /** Options besides `severity`, which every rule accepts. */
  readonly options: readonly RuleOption[];
  /** Where the idea comes from. */
  readonly source: string;
}

/** What a rule reports; the engine adds the code and severity. */
export interface FindingInput {
  readonly message: string;
  readonly span: Span;
  /**
   * Names of the model elements involved, the primary one first (services, stores, events,
   * flows, sagas, gateways, topics, op ids). `allow <rule> on <name>` matches any of them.
   */
  readonly elements: readonly string[];
  readonly related?: readonly RelatedInfo[];
  readonly help?: string;
  readonly fixes?: readonly Fix[];
}

export interface RuleContext {
  readonly model: Model;
  /** The rule's options: defaults overridden by `rules { set … }`. */
  readonly options: Readonly<Record<string, OptionValue>>;
  /** Graph views of the model shared between rules, computed once on first use. */
  readonly analyses: Analyses;
  report(finding: FindingInput): void;
  /**
   * Runs `compute`, which reports the findings about one model element. A re-check with a
   * memo (the language server's) reuses the findings instead while `element` is the very same
   * object and `inputs()` — everything else they are computed from: other elements, index
   * entries, names, numbers, model-wide facts — are equal to the remembered ones. So `compute`
   * may read only `element` and what `inputs` lists. Without a memo it just runs `compute`.
   */
  forElement(element: object, inputs: () => readonly unknown[], compute: () => void): void;
}

/**
 * A part of the Model a rule reads: `services.<field>` is that field of every service (and the
 * services' names, in order); a table's name is all of its entries, in order; `index.<table>`
 * is one index table.
 */
export type ModelPart =
  | `services.${keyof Service & string}`
  | "types"
  | "stores"
  | "brokers"
  | "topics"
  | "events"
  | "ops"
  | "flows"
  | "sagas"
  | "gateways"
  | "deployments"
  | `index.${keyof ModelIndex & string}`
  | "system";

export interface Rule {
  readonly meta: RuleMeta;
  /**
   * Every part of the Model `check` reads, options aside. A re-check with a memo reuses the
   * rule's previous findings, their spans relocated, while each of these parts is equal to
   * before (spans relocated too). A test runs each rule over a Model that records what is read
   * and holds the list to it. A rule without the list is run on every check.
   */
  readonly reads?: readonly ModelPart[];
  check(ctx: RuleContext): void;
}

/** For `forElement` when the findings are computed from the element alone. */
export const elementOnly = (): readonly unknown[] => NO_INPUTS;
const NO_INPUTS: readonly unknown[] = Object.freeze([]);

/** The project's home (SARIF `informationUri`). */
export const PROJECT_URL = "https://github.com/archc/archc";

/** Where rule pages are published; `helpUri` of every rule is built from it. */
export const DOCS_BASE_URL = `${PROJECT_URL}/blob/main/docs/rules/`;

/** Builds a rule's meta with the docs path and help URI derived from its id. */
export function ruleMeta(m: Omit<RuleMeta, "docs" | "helpUri">): RuleMeta {
  return { ...m, docs: `docs/rules/${m.id}.md`, helpUri: `${DOCS_BASE_URL}${m.id}.md` };
}

/** A `count` option read from a rule's resolved options. */
export function countOption(ctx: RuleContext, name: string): number {
  const v = ctx.options[name];
  if (typeof v !== "number") throw new Error(`option ${name} is not a number: ${String(v)}`);
  return v;
}
