import { describe, expect, it } from "vitest";
import { suggestionUrl, urls } from "../src/urls";

describe("urls", () => {
  it("encodes names as path segments (a task name may hold a slash)", () => {
    expect(urls.task("Image-to-Image Translation/Sketch")).toBe(
      "/task/Image-to-Image%20Translation%2FSketch",
    );
    expect(urls.leaderboard("Question Answering", "SQuAD1.1", "F1")).toBe(
      "/leaderboard/Question%20Answering/SQuAD1.1?metric=F1",
    );
    expect(urls.leaderboard("A", "B")).toBe("/leaderboard/A/B");
  });

  it("keeps a cursor and search words in the query string", () => {
    expect(urls.papers()).toBe("/papers");
    expect(urls.papers("abc=")).toBe("/papers?after=abc%3D");
    expect(urls.search("vision & language", "c1")).toBe("/search?q=vision%20%26%20language&after=c1");
  });

  it("sends a suggestion to its page: papers by slug, the others by name", () => {
    expect(suggestionUrl("PAPER", "BERT: Pre-training", "bert-pre-training")).toBe(
      "/paper/bert-pre-training",
    );
    expect(suggestionUrl("AUTHOR", "Jacob Devlin")).toBe("/author/Jacob%20Devlin");
    expect(suggestionUrl("METHOD", "Adam")).toBe("/method/Adam");
  });
});
