export * from "./model/schema.js";
