// Compose interpolates `$VAR` and `${VAR}` in every string value; a literal `$` is written `$$`.
// Model strings may hold `$`, so every value we copy from the model goes through this.

export function composeLiteral(value: string): string {
  return value.replaceAll("$", "$$$$");
}
