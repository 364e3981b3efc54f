// Hardened pods: every workload we emit runs as a non-root user with a read-only root
// filesystem, no privilege escalation, no capabilities, the runtime's default seccomp
// profile, and no service-account token. Writable paths are emptyDirs.

/** The user application containers run as when the model does not say (an unprivileged uid). */
export const DEFAULT_APP_UID = 10001;

export function podSecurityContext(uid: number): Record<string, unknown> {
  return {
    runAsNonRoot: true,
    runAsUser: uid,
    runAsGroup: uid,
    fsGroup: uid,
    seccompProfile: { type: "RuntimeDefault" },
  };
}

export function containerSecurityContext(): Record<string, unknown> {
  return {
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    runAsNonRoot: true,
    privileged: false,
    capabilities: { drop: ["ALL"] },
    seccompProfile: { type: "RuntimeDefault" },
  };
}

/** emptyDir volumes and their mounts for the paths a process must write. */
export function scratchVolumes(paths: readonly string[]): {
  volumes: Record<string, unknown>[];
  mounts: Record<string, unknown>[];
} {
  const volumes: Record<string, unknown>[] = [];
  const mounts: Record<string, unknown>[] = [];
  paths.forEach((mountPath, i) => {
    const name = i === 0 ? "scratch" : `scratch-${i}`;
    volumes.push({ name, emptyDir: {} });
    mounts.push({ name, mountPath });
  });
  return { volumes, mounts };
}

/** The pod-spec fields every hardened workload carries. */
export function hardenedPodSpec(uid: number, serviceAccountName: string): Record<string, unknown> {
  return {
    serviceAccountName,
    automountServiceAccountToken: false,
    securityContext: podSecurityContext(uid),
  };
}
