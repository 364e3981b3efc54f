// A credential written as a plain `env` value ends up in the repository, in every emitted
// manifest and in `kubectl describe`. Secrets belong in `secret NAME from "…"`, a reference.

import { elementOnly, type Rule, ruleMeta } from "../rule.js";
import { modelLists } from "../graph/model-lists.js";

export const secretInEnv: Rule = {
  meta: ruleMeta({
    id: "secret-in-env",
    severity: "error",
    category: "operability",
    summary: "an `env` value looks like a credential (password, token, key, DSN with a password)",
    options: [],
    source: "checkov (secrets in environment variables); Kubernetes Secrets",
  }),
  reads: ["services.name", "services.env"],
  check(ctx) {
    for (const service of modelLists(ctx.model).services)
      ctx.forElement(service, elementOnly, () => {
        for (const entry of service.env) {
          const why = credentialReason(entry.key, entry.value);
          if (why === undefined) continue;
          ctx.report({
            message: `env ${entry.key} of ${service.name} holds ${why} in plain text`,
            span: entry.span,
            elements: [service.name],
            help: `store the value in a secret and write \`secret ${entry.key} from "<secret-name>"\``,
          });
        }
      });
  },
};

const SECRET_KEY =
  /(?:^|[_.-])(pass(word|wd)?|pwd|secret|token|api[-_]?key|private[-_]?key|access[-_]?key|credentials?|auth[-_]?key)$/i;
const DSN_WITH_PASSWORD = /\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i;
const KNOWN_TOKENS: readonly [RegExp, string][] = [
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, "a private key"],
  [/\bAKIA[0-9A-Z]{16}\b/, "an AWS access key"],
  [/\bgh[pousr]_[A-Za-z0-9]{36,}\b/, "a GitHub token"],
  [/\bxox[abposr]-[A-Za-z0-9-]{10,}\b/, "a Slack token"],
  [/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+/, "a JSON web token"],
];
/** Values that point somewhere else rather than being the secret: `${VAR}`, file paths. */
const INDIRECT = /^(\$\{?[A-Za-z_][A-Za-z0-9_]*\}?|\/[^\s]*|file:.*|vault:.*|secret:.*)$/;

/** Why the entry looks like a credential, or undefined. */
export function credentialReason(key: string, value: string): string | undefined {
  for (const [re, what] of KNOWN_TOKENS) if (re.test(value)) return what;
  if (DSN_WITH_PASSWORD.test(value)) return "a connection string with a password";
  const v = value.trim();
  if (SECRET_KEY.test(key.replace(/_FILE$|_PATH$/i, "x")) && v !== "" && !INDIRECT.test(v))
    return "what its name says is a credential";
  return undefined;
}
