// site.yml's timezone: canonical names are found in ICU's list; other names ICU knows (aliases, UTC,
// Etc/ offsets) are still accepted, and an unknown one is a config error at its line.
import { describe, expect, it } from "vitest";
import { validateConfig } from "../../src/config/validate.js";
import { BuildError } from "../../src/errors.js";

const zoneOf = (zone: string): string => validateConfig({ timezone: zone }, "site.yml", `title: x\ntimezone: ${zone}\n`).timezone;

describe("the time zone of site.yml", () => {
  it("accepts canonical names, aliases and UTC", () => {
    for (const zone of ["Asia/Shanghai", "America/New_York", "UTC", "Etc/GMT-8", "PRC", "Asia/Chongqing", "US/Eastern"]) {
      expect(zoneOf(zone)).toBe(zone);
    }
  });

  it("rejects a name ICU does not know, naming the line", () => {
    let problem: BuildError | undefined;
    try {
      zoneOf("Mars/Olympus");
    } catch (error) {
      problem = error as BuildError;
    }
    expect(problem).toBeInstanceOf(BuildError);
    expect(problem!.problem).toMatchObject({ code: "config", file: "site.yml", line: 2, message: 'timezone: unknown time zone "Mars/Olympus"' });
  });
});
