import { describe, expect, it } from "vitest";
import { describeYears, sotaPoints, yearTicks } from "../src/chartData";

describe("chart data", () => {
  it("places rows with a date and a number, in date order, and leaves the others out", () => {
    const points = sotaPoints([
      { model: "LUKE", value: "90.6", numericValue: 90.6, date: "2020-10-02" },
      { model: "BERT", value: "54.0", numericValue: 54.04, date: "2018-10-11" },
      { model: "no date", value: "70", numericValue: 70, date: null },
      { model: "no number", value: "-", numericValue: null, date: "2019-01-01" },
    ]);
    expect(points.map((p) => p.label)).toEqual(["BERT: 54.0", "LUKE: 90.6"]);
    expect(points[0]).toMatchObject({ x: Date.UTC(2018, 9, 11), y: 54.04 });
  });

  it("ticks every year over a short span and fewer over a long one", () => {
    const short = yearTicks(Date.UTC(2018, 3, 1), Date.UTC(2021, 3, 1));
    expect(short).toEqual([Date.UTC(2019, 0, 1), Date.UTC(2020, 0, 1), Date.UTC(2021, 0, 1)]);
    const long = yearTicks(Date.UTC(1990, 0, 5), Date.UTC(2024, 0, 5));
    expect(long.length).toBeLessThanOrEqual(8);
    expect(long.every((t) => new Date(t).getUTCMonth() === 0)).toBe(true);
  });
});

describe("papers per year in words", () => {
  it("names the span, the total and the busiest year", () => {
    const text = describeYears(
      [
        { year: 2018, count: 3 },
        { year: 2019, count: 0 },
        { year: 2020, count: 1200 },
        { year: 2021, count: 1200 },
      ],
      "papers",
    );
    expect(text).toBe("2,403 dated papers from 2018 to 2021; the most in 2020 (1,200).");
  });

  it("says when nothing is dated, and a single year as one", () => {
    expect(describeYears([], "papers")).toBe("No dated papers.");
    expect(describeYears([{ year: 2017, count: 2 }], "papers")).toBe("2 dated papers in 2017; the most in 2017 (2).");
  });
});
