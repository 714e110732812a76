// Spelling suggestions for terms the registry lacks: the nearest registered keys or names, or none.

import { describe, expect, it } from "vitest";
import { closestNote, closestTerms, editDistance, isRegistered } from "../../src/check/terms.js";

const REGISTRY = {
  zhongguodianzibao: { name: "中国电子报新闻" },
  emnews: { name: "东方财富网新闻" },
  cls: { name: "财联社电报" },
  sitenews: { name: "站长消息" },
  DoNews: { name: "DoNews新闻" },
};

describe("editDistance", () => {
  it.each([
    ["", "", 0],
    ["abc", "abc", 0],
    ["abc", "abd", 1],
    ["zhongguodianzibo", "zhongguodianzibao", 1],
    ["中国电子报", "中国电子报新闻", 2],
    ["🚀a", "a", 1],
  ])("%s ↔ %s: %d", (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
});

describe("closestTerms", () => {
  it.each([
    ["zhongguodianzibo", ["zhongguodianzibao (中国电子报新闻)"]],
    ["emnew", ["emnews (东方财富网新闻)"]],
    ["EMNEWS", ["emnews (东方财富网新闻)", "DoNews (DoNews新闻)"]],
    ["中国电子报", ["zhongguodianzibao (中国电子报新闻)"]],
    ["sitenew", ["sitenews (站长消息)"]],
    ["donews", ["DoNews (DoNews新闻)", "emnews (东方财富网新闻)"]],
    ["A 股", []],
    ["完全不同的名字", []],
  ])("%s → %j", (value, closest) => {
    expect(closestTerms(value, REGISTRY)).toEqual(closest);
  });

  it("says so when nothing is close", () => {
    expect(closestNote([])).toBe("; nothing registered is close in spelling");
    expect(closestNote(["a (A)", "b"])).toBe("; closest: a (A), b");
  });

  it("knows a term by its value or by its page's slug, not by inherited keys", () => {
    expect(isRegistered(REGISTRY, "emnews")).toBe(true);
    expect(isRegistered(REGISTRY, "A 股", "emnews")).toBe(true);
    expect(isRegistered(REGISTRY, "toString")).toBe(false);
  });
});
