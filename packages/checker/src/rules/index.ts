// Every rule of the catalogue (RULES.md), in catalogue order. The saga model checker's rules
// (saga-stuck, saga-partial-commit, saga-isolation, saga-duplicate-effect) live in
// ../model-check/.

import type { Rule } from "../rule.js";
import { chattyFlow } from "./chatty-flow.js";
import { deadlineInversion } from "./deadline-inversion.js";
import { eventCycle } from "./event-cycle.js";
import { flowSloAvailability } from "./flow-slo-availability.js";
import { flowSloLatency } from "./flow-slo-latency.js";
import { foreignStoreRead } from "./foreign-store-read.js";
import { gatewayBypass } from "./gateway-bypass.js";
import { greedyService } from "./greedy-service.js";
import { hardcodedEndpoint } from "./hardcoded-endpoint.js";
import { hubService } from "./hub-service.js";
import { imageUnpinned } from "./image-unpinned.js";
import { megaService } from "./mega-service.js";
import { missingHealth } from "./missing-health.js";
import { nanoService } from "./nano-service.js";
import { noApiVersion } from "./no-api-version.js";
import { orphanEvent } from "./orphan-event.js";
import { retryAmplification } from "./retry-amplification.js";
import { sagaAmbiguousTimeout } from "./saga-ambiguous-timeout.js";
import { sagaCompensationNotIdempotent } from "./saga-compensation-not-idempotent.js";
import { sagaMissingCompensation } from "./saga-missing-compensation.js";
import { sagaRetriableNotIdempotent } from "./saga-retriable-not-idempotent.js";
import { secretInEnv } from "./secret-in-env.js";
import { serviceChain } from "./service-chain.js";
import { sharedStore } from "./shared-store.js";
import { singleReplica } from "./single-replica.js";
import { syncCycle } from "./sync-cycle.js";
import { tooManyTechnologies } from "./too-many-technologies.js";
import { topicKeyMissing } from "./topic-key-missing.js";
import { undeclaredDependency } from "./undeclared-dependency.js";
import { unprotectedCall } from "./unprotected-call.js";
import { unproducedEvent } from "./unproduced-event.js";
import { unreachableRetries } from "./unreachable-retries.js";
import { unsafeRetry } from "./unsafe-retry.js";

export const rules: readonly Rule[] = [
  // structure and data ownership
  sharedStore,
  foreignStoreRead,
  syncCycle,
  serviceChain,
  hubService,
  greedyService,
  megaService,
  nanoService,
  tooManyTechnologies,
  // communication and resilience
  unprotectedCall,
  retryAmplification,
  unsafeRetry,
  unreachableRetries,
  deadlineInversion,
  chattyFlow,
  undeclaredDependency,
  flowSloLatency,
  flowSloAvailability,
  noApiVersion,
  gatewayBypass,
  hardcodedEndpoint,
  // events
  unproducedEvent,
  orphanEvent,
  eventCycle,
  topicKeyMissing,
  // sagas (structure; behaviour is the model checker's)
  sagaMissingCompensation,
  sagaRetriableNotIdempotent,
  sagaCompensationNotIdempotent,
  sagaAmbiguousTimeout,
  // operability and security
  missingHealth,
  imageUnpinned,
  secretInEnv,
  singleReplica,
];
