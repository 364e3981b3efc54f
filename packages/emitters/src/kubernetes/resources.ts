// Container requests and limits from `resources { cpu A..B memory C..D }` (request..limit).

import type { Service } from "@archc/compiler";
import { byteQuantity, cpuQuantity } from "../common/units.js";
import type { DEFAULT_RESOURCES } from "./defaults.js";

export function containerResources(
  declared: Service["resources"],
  fallback: (typeof DEFAULT_RESOURCES)[keyof typeof DEFAULT_RESOURCES],
): Record<string, unknown> {
  const cpu = declared?.cpu ?? { requestMillis: fallback.cpuRequest, limitMillis: fallback.cpuLimit };
  const mem = declared?.memory ?? { requestBytes: fallback.memoryRequest, limitBytes: fallback.memoryLimit };
  return {
    requests: { cpu: cpuQuantity(cpu.requestMillis), memory: byteQuantity(mem.requestBytes) },
    limits: { cpu: cpuQuantity(cpu.limitMillis), memory: byteQuantity(mem.limitBytes) },
  };
}
