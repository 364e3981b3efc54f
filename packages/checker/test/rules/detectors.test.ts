// The text heuristics behind hardcoded-endpoint, secret-in-env and image-unpinned.
import { describe, expect, it } from "vitest";
import { findEndpoint } from "../../src/rules/hardcoded-endpoint.js";
import { imageTag } from "../../src/rules/image-unpinned.js";
import { credentialReason } from "../../src/rules/secret-in-env.js";

const known = new Map([
  ["payments", "service"],
  ["orders-db", "store"],
]);

describe("findEndpoint", () => {
  it.each([
    ["http://payments:8080/x", { kind: "a URL", text: "http://payments:8080/x", host: "payments" }],
    [
      "http://payments.shop.svc.cluster.local/x",
      { kind: "a URL", text: "http://payments.shop.svc.cluster.local/x", host: "payments" },
    ],
    ["amqp://10.1.2.3/vhost", { kind: "a URL", text: "amqp://10.1.2.3/vhost", host: "10.1.2.3" }],
    ["orders-db:5432", { kind: "a host:port", text: "orders-db:5432", host: "orders-db" }],
    ["kafka-1:9092,kafka-2:9092", { kind: "a host:port", text: "kafka-1:9092", host: "kafka-1" }],
    ["10.0.0.7", { kind: "an IP address", text: "10.0.0.7", host: "10.0.0.7" }],
  ])("finds %s", (value, hit) => {
    expect(findEndpoint(value, known)).toEqual(hit);
  });

  it.each([
    "info",
    "0.0.0.0:8080",
    "localhost:3000",
    "http://localhost:9090/metrics",
    "https://docs.example.com/orders",
    "12:30",
    "-Xms64m -XX:+UseG1GC",
    "1.2.3",
  ])("ignores %s", (value) => {
    expect(findEndpoint(value, known)).toBeUndefined();
  });
});

describe("credentialReason", () => {
  it.each([
    ["DB_PASSWORD", "x", "what its name says is a credential"],
    ["API_KEY", "abc", "what its name says is a credential"],
    ["session-secret", "abc", "what its name says is a credential"],
    ["URL", "postgres://u:p@db/app", "a connection string with a password"],
    ["CFG", "AKIAABCDEFGHIJKLMNOP", "an AWS access key"],
    ["CFG", "-----BEGIN RSA PRIVATE KEY-----", "a private key"],
  ])("flags %s = %s", (key, value, why) => {
    expect(credentialReason(key, value)).toBe(why);
  });

  it.each([
    ["PASSWORD_FILE", "/run/secrets/pw"],
    ["DB_PASSWORD", "$" + "{DB_PASSWORD}"], // a reference to another variable
    ["DB_PASSWORD", ""],
    ["BYPASS", "yes"],
    ["TOKEN_TTL", "15m"],
    ["URL", "postgres://db/app"],
  ])("does not flag %s = %s", (key, value) => {
    expect(credentialReason(key, value)).toBeUndefined();
  });
});

describe("imageTag", () => {
  it("reads tags and digests, ignoring a registry port", () => {
    expect(imageTag("nginx")).toBeUndefined();
    expect(imageTag("nginx:")).toBeUndefined();
    expect(imageTag("nginx:1.25")).toBe("1.25");
    expect(imageTag("localhost:5000/web")).toBeUndefined();
    expect(imageTag("localhost:5000/web:latest")).toBe("latest");
    expect(imageTag("web@sha256:abc")).toBe("sha256:abc");
  });
});
