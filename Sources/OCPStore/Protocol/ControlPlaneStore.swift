/// Everything above the store (reconciler, API, sync) talks to this one protocol; SQLite and PostgreSQL implement it.
public protocol ControlPlaneStore: ClusterStore, OperationStore, AuditStore, IdempotencyStore, LeaseStore, SyncSourceStore,
    ClusterRecordStore, ControllerStatusStore, TokenStore, QuotaStore, EventOutboxStore, ControllerReportStore {}
