import PostgresSupport

/// The named, append-only migrations of schema `coffer_kms`: the tables of the SQLite key database with the same
/// constraints, plus the version and root-key check row. Dates are seconds as DOUBLE PRECISION (as SQLite's REAL), so
/// a key reads back identical; rotations and grants keep their insertion order in a `seq` column (SQLite's rowid).
extension PostgresKeyStore {
    static let migrations = [
        PostgresMigration(
            name: "v1 keys, material, rotations, aliases, tags, policies, grants, state",
            statements: [
                """
                CREATE TABLE coffer_kms.kms_state (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    version BIGINT NOT NULL,
                    root_key_check BYTEA)
                """,
                "INSERT INTO coffer_kms.kms_state (id, version) VALUES (1, 0)",
                """
                CREATE TABLE coffer_kms.kms_key (
                    id TEXT PRIMARY KEY CHECK (length(id) = 36),
                    creation_date DOUBLE PRECISION NOT NULL,
                    description TEXT NOT NULL,
                    key_spec TEXT NOT NULL,
                    key_usage TEXT NOT NULL,
                    key_manager TEXT NOT NULL CHECK (key_manager IN ('AWS', 'CUSTOMER')),
                    origin TEXT NOT NULL,
                    state TEXT NOT NULL CHECK (state IN ('Enabled', 'Disabled', 'PendingDeletion')),
                    deletion_date DOUBLE PRECISION,
                    pending_window_days BIGINT CHECK (pending_window_days BETWEEN 7 AND 30),
                    rotation_enabled BOOLEAN NOT NULL,
                    rotation_period_days BIGINT NOT NULL CHECK (rotation_period_days BETWEEN 90 AND 2560),
                    rotation_anchor DOUBLE PRECISION,
                    on_demand_rotations BIGINT NOT NULL CHECK (on_demand_rotations BETWEEN 0 AND 25),
                    current_material_id TEXT NOT NULL,
                    CHECK ((state = 'PendingDeletion') = (deletion_date IS NOT NULL AND pending_window_days IS NOT NULL)))
                """,
                """
                CREATE TABLE coffer_kms.kms_key_material (
                    material_id TEXT PRIMARY KEY CHECK (length(material_id) = 64),
                    key_id TEXT NOT NULL REFERENCES coffer_kms.kms_key (id) ON DELETE CASCADE,
                    key_type TEXT NOT NULL,
                    sealed BYTEA NOT NULL,
                    creation_date DOUBLE PRECISION NOT NULL,
                    UNIQUE (key_id, material_id))
                """,
                """
                ALTER TABLE coffer_kms.kms_key ADD FOREIGN KEY (id, current_material_id)
                    REFERENCES coffer_kms.kms_key_material (key_id, material_id) DEFERRABLE INITIALLY DEFERRED
                """,
                """
                CREATE TABLE coffer_kms.kms_rotation (
                    material_id TEXT PRIMARY KEY,
                    key_id TEXT NOT NULL REFERENCES coffer_kms.kms_key (id) ON DELETE CASCADE,
                    rotation_date DOUBLE PRECISION NOT NULL,
                    rotation_type TEXT NOT NULL CHECK (rotation_type IN ('AUTOMATIC', 'ON_DEMAND')),
                    seq BIGSERIAL NOT NULL,
                    FOREIGN KEY (key_id, material_id)
                        REFERENCES coffer_kms.kms_key_material (key_id, material_id) ON DELETE CASCADE)
                """,
                "CREATE INDEX kms_rotation_key ON coffer_kms.kms_rotation (key_id, rotation_date)",
                """
                CREATE TABLE coffer_kms.kms_alias (
                    name TEXT PRIMARY KEY CHECK (name LIKE 'alias/%'),
                    key_id TEXT NOT NULL REFERENCES coffer_kms.kms_key (id) ON DELETE CASCADE,
                    creation_date DOUBLE PRECISION NOT NULL,
                    last_updated_date DOUBLE PRECISION NOT NULL)
                """,
                "CREATE INDEX kms_alias_key ON coffer_kms.kms_alias (key_id)",
                """
                CREATE TABLE coffer_kms.kms_tag (
                    key_id TEXT NOT NULL REFERENCES coffer_kms.kms_key (id) ON DELETE CASCADE,
                    position BIGINT NOT NULL,
                    tag_key TEXT NOT NULL,
                    tag_value TEXT NOT NULL,
                    PRIMARY KEY (key_id, tag_key),
                    UNIQUE (key_id, position))
                """,
                """
                CREATE TABLE coffer_kms.kms_key_policy (
                    key_id TEXT NOT NULL REFERENCES coffer_kms.kms_key (id) ON DELETE CASCADE,
                    name TEXT NOT NULL CHECK (name = 'default'),
                    document TEXT NOT NULL,
                    PRIMARY KEY (key_id, name))
                """,
                """
                CREATE TABLE coffer_kms.kms_grant (
                    grant_id TEXT PRIMARY KEY CHECK (length(grant_id) = 64),
                    key_id TEXT NOT NULL REFERENCES coffer_kms.kms_key (id) ON DELETE CASCADE,
                    grant_token TEXT NOT NULL UNIQUE,
                    name TEXT,
                    creation_date DOUBLE PRECISION NOT NULL,
                    grantee_principal TEXT NOT NULL,
                    retiring_principal TEXT,
                    issuing_account TEXT NOT NULL,
                    operations TEXT NOT NULL CHECK (length(operations) > 0),
                    constraint_kind TEXT
                        CHECK (constraint_kind IN ('EncryptionContextSubset', 'EncryptionContextEquals')),
                    constraint_context TEXT,
                    seq BIGSERIAL NOT NULL,
                    CHECK ((constraint_kind IS NULL) = (constraint_context IS NULL)))
                """,
                "CREATE INDEX kms_grant_key ON coffer_kms.kms_grant (key_id)",
            ])
    ]
}
