// Vitest setup for every test file: the temporary sites a file made are removed when it ends.
import { afterAll } from "vitest";
import { removeTempDirs } from "./site.js";

afterAll(removeTempDirs);
