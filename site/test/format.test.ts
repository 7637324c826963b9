import { describe, expect, it } from "vitest";
import { atLeast, count, dateMs, repoLabel, shorten, year } from "../src/format";

describe("format", () => {
  it("cuts long titles at a word, short ones stay whole", () => {
    expect(shorten("Attention Is All You Need")).toBe("Attention Is All You Need");
    const cut = shorten("BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding", 40);
    expect(cut).toBe("BERT: Pre-training of Deep…");
    expect(cut.length).toBeLessThanOrEqual(40);
  });

  it("shows counts with their noun and thousands separators", () => {
    expect(count(1, "paper")).toBe("1 paper");
    expect(count(45123, "paper")).toBe("45,123 papers");
    expect(count(0, "leaderboard")).toBe("0 leaderboards");
  });

  it("shows a bounded count with a plus when there are more", () => {
    expect(atLeast(1000, false, "paper")).toBe("1,000+ papers");
    expect(atLeast(1, true, "paper")).toBe("1 paper");
    expect(atLeast(12, true, "paper")).toBe("12 papers");
  });

  it("reads dates as the archive writes them", () => {
    expect(year("2017-06-12")).toBe("2017");
    expect(year(null)).toBe("");
    expect(dateMs("2017-06-12")).toBe(Date.UTC(2017, 5, 12));
    expect(dateMs("not a date")).toBeNull();
    expect(dateMs(undefined)).toBeNull();
  });

  it("names a GitHub repository by owner/name", () => {
    expect(repoLabel("https://github.com/google-research/bert/")).toBe("google-research/bert");
    expect(repoLabel("https://gitlab.com/a/b")).toBe("gitlab.com/a/b");
    expect(repoLabel("not a url")).toBe("not a url");
  });
});
