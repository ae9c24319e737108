// How a stand-in instance behaves where real clusters differ by set-up.
// Takes: nothing. Gives: the knobs, each defaulting to what k8sfv's original harness had
// (kube-apiserver plus kube-controller-manager, ServiceAccount admission on).

public struct StandInOptions: Sendable, Hashable {
    /// Emulate the kube-controller-manager parts k8sfv leans on: a new namespace gets its
    /// `default` ServiceAccount at once, and a deleted namespace is emptied and removed at once.
    /// `false` reproduces the transcripts' set-up (no controller-manager): pods cannot be created
    /// until the ServiceAccount exists (403, transcript 07) and deleted namespaces stay
    /// `Terminating` (transcripts 57, 58).
    public var emulateControllerManager: Bool
    /// ServiceAccount admission: a pod's ServiceAccount (default `default`) must exist (403).
    public var serviceAccountAdmission: Bool
    /// When set, requests must carry `Authorization: Bearer <token>` or get 401 (transcript 39).
    public var bearerToken: String?
    /// How many change events are kept for watches and paged lists; older ones answer 410.
    public var historyLimit: Int
    /// How often a watch with `allowWatchBookmarks=true` gets a BOOKMARK (a real server:
    /// about once a minute, felix-live.md §8.1).
    public var bookmarkIntervalSeconds: Double
    /// With `emulateControllerManager`, how long a deleted namespace stays `Terminating`
    /// (409 on re-create, 403 on new content) before its contents and it are removed; 0
    /// removes it inside the DELETE. A real namespace controller took 5.3–6.3 s (§8.1).
    public var namespaceDeletionDelaySeconds: Double
    /// Upper bound on any watch's life, whatever `timeoutSeconds` asks for.
    public var maxWatchSeconds: Double
    /// Seed for uids and generateName suffixes.
    public var idSeed: UInt64
    /// The resourceVersion of the empty store.
    public var initialResourceVersion: Int64
    /// Serve HTTPS with these certificates instead of plain HTTP (nil: plain HTTP).
    public var tls: StandInTLS?

    public init(emulateControllerManager: Bool = true, serviceAccountAdmission: Bool = true,
                bearerToken: String? = nil, historyLimit: Int = 10_000, bookmarkIntervalSeconds: Double = 60,
                maxWatchSeconds: Double = 1800, idSeed: UInt64 = 1, initialResourceVersion: Int64 = 1,
                namespaceDeletionDelaySeconds: Double = 0, tls: StandInTLS? = nil) {
        self.namespaceDeletionDelaySeconds = namespaceDeletionDelaySeconds
        self.tls = tls
        self.emulateControllerManager = emulateControllerManager
        self.serviceAccountAdmission = serviceAccountAdmission
        self.bearerToken = bearerToken
        self.historyLimit = historyLimit
        self.bookmarkIntervalSeconds = bookmarkIntervalSeconds
        self.maxWatchSeconds = maxWatchSeconds
        self.idSeed = idSeed
        self.initialResourceVersion = initialResourceVersion
    }

    /// The transcripts' set-up: no controller-manager.
    public static var bareAPIServer: StandInOptions { StandInOptions(emulateControllerManager: false) }
}
