// `archc init [dir]`: writes a small working system (two services with a store each, an
// event, a gateway, two deployments) that `archc check` passes clean, a GitHub Actions workflow
// that runs archc and uploads SARIF, and a README. It never overwrites a file.

import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import type { Command } from "commander";
import { type CliIO, EXIT_OK, UsageError } from "../io.js";

/** The files `archc init` writes, by path relative to the target folder. */
const SYSTEM = `// A starter system written by \`archc init\`: a shop's orders and their payments, behind a
// gateway. \`archc check\` checks it; \`archc level\` shows its maturity level and what is next.

system shop "A small shop" { version "0.1.0"  owner "platform-team" }

type OrderId = uuid
type Order { id: OrderId, customer: uuid, total: decimal }
type Payment { order: OrderId, amount: decimal }

store orders-db: postgres { version "16"  size 10Gi  backup daily }
store payments-db: postgres { version "16"  size 10Gi  backup daily }

broker bus: kafka { replication 3 }
topic order-events on bus { partitions 6  replication 3  key customer  retention 7d }

/// An order was accepted; payments settles it.
event OrderPlaced: Order on order-events

/// Takes orders and tracks them.
service orders "Order service" {
  owner "team-orders"
  tech "go"
  image "ghcr.io/example/orders:0.1.0"
  port 8080
  replicas 2..4 cpu 70%
  resources { cpu 250m..500m  memory 256Mi..512Mi }
  health "/health"  ready "/ready"
  public

  uses orders-db

  api v1 rest {
    op place: Order -> Order    POST "/orders"  idempotent
    op get: OrderId -> Order    GET "/orders/{id}"  readonly  latency 20ms
  }

  calls payments.authorize { timeout 2s  per-try 1s  retries 1  breaker 5 in 30s }
  publishes OrderPlaced
}

/// Authorises and settles payments.
service payments "Payment service" {
  owner "team-payments"
  tech "go"
  image "ghcr.io/example/payments:0.1.0"
  port 8080
  replicas 2..4 cpu 70%
  resources { cpu 250m..500m  memory 256Mi..512Mi }
  health "/health"  ready "/ready"

  uses payments-db

  api v1 rest {
    op authorize: Order -> Payment    POST "/payments"  idempotent  latency 300ms
    op settle: Order -> unit          POST "/payments/settle"  idempotent
  }

  consumes OrderPlaced -> settle
}

gateway edge {
  port 443
  route "/api/orders" -> orders.v1 { rate 100/s  timeout 5s }
}

deploy prod { target kubernetes { namespace "shop" } }
deploy local { target compose }
`;

const WORKFLOW = `# archc in CI: checks the model on every push and pull request, uploads the findings to
# GitHub code scanning (SARIF), and annotates the pull request. Written by \`archc init\`.
name: archc

on:
  push:
    branches: [main]
  pull_request:

permissions:
  contents: read
  security-events: write # upload SARIF to code scanning

jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
      # archc is built from its repository; pin the ref you have tested.
      - uses: actions/checkout@v4
        with:
          repository: archc/archc
          ref: main
          path: .archc
      - name: Build archc
        run: |
          cd .archc
          npx -y pnpm@10 install --frozen-lockfile
          node scripts/build.mjs
          echo "$PWD/node_modules/.bin" >> "$GITHUB_PATH"
      - name: archc check
        run: archc check --format sarif --output archc.sarif
      - name: Upload findings to code scanning
        if: always()
        uses: github/codeql-action/upload-sarif@v3
        with:
          sarif_file: archc.sarif
          category: archc
      - name: Annotate the pull request
        if: failure()
        run: archc check --format github --no-model-check
`;

const README = `# shop

A starter system written by \`archc init\`: two services with a store each, an event between
them, a gateway in front and two deployments.

\`\`\`
archc check            # compiler diagnostics and every rule; exit 1 on errors
archc level            # the maturity level, and what the next one needs
archc explain <rule>   # why a rule fires and how to fix it
\`\`\`

\`.github/workflows/archc.yml\` runs \`archc check\` in GitHub Actions and uploads its SARIF report
to code scanning. The tutorial (docs/tutorial.md in the archc repository) goes from here to a
green CI.
`;

export const STARTER_FILES: Readonly<Record<string, string>> = {
  "system.arch": SYSTEM,
  ".github/workflows/archc.yml": WORKFLOW,
  "README.md": README,
};

export function registerInit(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command("init")
    .description("write a small working system and a CI workflow into a folder")
    .argument("[dir]", "the folder to write into (created if missing)", ".")
    .action((dir: string) => {
      const root = path.resolve(io.cwd, dir);
      const existing = Object.keys(STARTER_FILES).filter((f) => existsSync(path.join(root, f)));
      if (existing.length > 0)
        throw new UsageError(
          `not overwriting ${existing.map((f) => path.join(dir, f)).join(", ")}; choose an empty folder`,
        );
      try {
        for (const [file, text] of Object.entries(STARTER_FILES)) {
          mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
          writeFileSync(path.join(root, file), text, { flag: "wx" });
        }
      } catch (err) {
        throw new UsageError(`cannot write into ${dir}: ${(err as Error).message}`);
      }
      const shown = dir === "." ? "" : ` ${dir}`;
      io.stdout.write(
        `wrote ${Object.keys(STARTER_FILES)
          .map((f) => path.join(dir, f))
          .join(", ")}\n` + `next: archc check${shown}   (then archc level${shown})\n`,
      );
      setExit(EXIT_OK);
    });
}
