import { describe, expect, it } from "vitest";
import { fixtureFindings } from "../support/fixtures.js";

describe("secret-in-env", () => {
  it("fires on a password by name and on a DSN with a password", () => {
    expect(fixtureFindings("secret-in-env", "fires")).toEqual([
      {
        severity: "error",
        range: "3:5-3:28",
        message: "env DB_PASSWORD of orders holds what its name says is a credential in plain text",
        related: [],
      },
      {
        severity: "error",
        range: "4:5-4:55",
        message: "env LEDGER_DSN of orders holds a connection string with a password in plain text",
        related: [],
      },
    ]);
  });

  it("is silent on secret references, file paths and harmless names", () => {
    expect(fixtureFindings("secret-in-env", "clean")).toEqual([]);
  });
});
