import { describe, expect, it } from "vitest";
import { MAX_CHARS, checkCodeLink, checkResult, hasNumber } from "../src/contrib/checks";

const good = {
  paper: "1512.03385",
  task: "Image Classification",
  dataset: "ImageNet",
  metric: "Top 1 Accuracy",
  value: "84.3 ± 0.2",
  model: "EfficientNet-B7",
  evidenceUrl: "https://arxiv.org/abs/1905.11946",
  codeUrl: "",
  usesAdditionalData: false,
};

describe("the submit form's checks (the server's, graphdb/contributions.py)", () => {
  it("pass a good result", () => {
    expect(checkResult(good)).toEqual({});
  });
  it("refuse a field over its length, naming the limit", () => {
    expect(checkResult({ ...good, model: "m".repeat(MAX_CHARS.model + 1) }).model).toBe("At most 200 characters (this has 201).");
    expect(checkResult({ ...good, model: "m".repeat(MAX_CHARS.model) })).toEqual({});
  });
  it("refuse missing fields, control characters and values without a number", () => {
    expect(checkResult({ ...good, task: "  " }).task).toBe("Required.");
    expect(checkResult({ ...good, model: "a\nb" }).model).toBe("No line breaks or tabs.");
    expect(checkResult({ ...good, value: "Please tell us" }).value).toContain("number");
    for (const value of ["84.3", ".5", "76.2%", "1,234", "-3e2", "25M"]) expect(hasNumber(value)).toBe(true);
    for (const value of ["", "+", ".", "n/a"]) expect(hasNumber(value)).toBe(false);
  });
  it("take only http(s) URLs with a host", () => {
    for (const bad of ["javascript:alert(1)", "ftp://e.org/x", "not a url", "https://", "file:///etc/passwd"]) {
      expect(checkResult({ ...good, evidenceUrl: bad }).evidenceUrl).toBeTruthy();
      expect(checkCodeLink({ paper: "p", repositoryUrl: bad, framework: "", official: false }).repositoryUrl).toBeTruthy();
    }
    expect(checkResult({ ...good, codeUrl: "" }).codeUrl).toBeUndefined();
    expect(checkCodeLink({ paper: "p", repositoryUrl: "https://github.com/a/b", framework: "jax", official: true })).toEqual({});
  });
});
