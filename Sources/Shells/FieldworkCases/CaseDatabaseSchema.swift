import GRDB

/// Tables and indexes of `cases.sqlite`.
///
/// Picking the next case is an index seek on `(queue, next_eligible_at)`: `queue` is the scheduling
/// tier (0 hard appointment, 1 soft appointment, 2 fresh, 3 retry) or NULL when the case is final or
/// withheld by quota, and `next_eligible_at` is the first instant it may be called. A lease pushes
/// `next_eligible_at` to the lease expiry, so leased cases drop out of the seek and return by
/// themselves when a crashed session's lease runs out.
///
/// `interim_code` holds each open case's interim AAPOR code (`InterimDisposition`), kept up to date
/// by every write and NULL once the case is final, so counts by code are two indexed GROUP BYs.
/// Never edit a registered migration: add the next one.
enum CaseDatabaseSchema {
    static func migrator() -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE cases (
                    seq INTEGER PRIMARY KEY,
                    id TEXT NOT NULL UNIQUE,
                    fields TEXT NOT NULL,
                    status TEXT NOT NULL,
                    final_code TEXT,
                    tier INTEGER,
                    queue INTEGER,
                    due_at REAL NOT NULL,
                    next_eligible_at REAL NOT NULL,
                    tried_parts INTEGER NOT NULL DEFAULT 0,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    ever_eligible INTEGER NOT NULL DEFAULT 0,
                    soft_refusals INTEGER NOT NULL DEFAULT 0,
                    withheld INTEGER NOT NULL DEFAULT 0,
                    lease_holder TEXT,
                    lease_expires REAL,
                    appointment_id INTEGER,
                    imported_at REAL NOT NULL,
                    import_source TEXT NOT NULL
                );
                CREATE INDEX cases_pick ON cases(queue, next_eligible_at) WHERE queue IS NOT NULL;
                CREATE INDEX cases_pick_parts ON cases(queue, tried_parts, next_eligible_at) WHERE queue IS NOT NULL;
                CREATE INDEX cases_status ON cases(status);
                CREATE INDEX cases_final ON cases(final_code) WHERE final_code IS NOT NULL;

                CREATE TABLE attempts (
                    id INTEGER PRIMARY KEY,
                    case_seq INTEGER NOT NULL REFERENCES cases(seq),
                    number INTEGER NOT NULL,
                    at REAL NOT NULL,
                    interviewer TEXT NOT NULL,
                    outcome TEXT NOT NULL,
                    note TEXT NOT NULL,
                    part_of_day TEXT NOT NULL,
                    resulting_status TEXT NOT NULL,
                    final_code TEXT
                );
                CREATE INDEX attempts_case ON attempts(case_seq, number);

                CREATE TABLE appointments (
                    id INTEGER PRIMARY KEY,
                    case_seq INTEGER NOT NULL REFERENCES cases(seq),
                    kind TEXT NOT NULL,
                    start_local TEXT NOT NULL,
                    end_local TEXT,
                    time_zone TEXT NOT NULL,
                    at REAL NOT NULL,
                    until REAL NOT NULL,
                    set_by TEXT NOT NULL,
                    set_at REAL NOT NULL,
                    active INTEGER NOT NULL
                );
                CREATE INDEX appointments_case ON appointments(case_seq);
                CREATE INDEX appointments_active_at ON appointments(at) WHERE active = 1;

                CREATE TABLE quota_completes (
                    rule TEXT NOT NULL,
                    cell TEXT NOT NULL,
                    completes INTEGER NOT NULL,
                    PRIMARY KEY (rule, cell)
                );

                CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                """)
        }
        // v2: the rule behind each final code, interim codes for open cases, attempt-free finalisations.
        migrator.registerMigration("v2") { db in
            try db.execute(sql: """
                ALTER TABLE attempts ADD COLUMN disposition_rule TEXT;
                ALTER TABLE cases ADD COLUMN last_outcome TEXT;
                ALTER TABLE cases ADD COLUMN interim_code TEXT;
                CREATE INDEX cases_interim ON cases(interim_code) WHERE interim_code IS NOT NULL;

                CREATE TABLE finalisations (
                    id INTEGER PRIMARY KEY,
                    case_seq INTEGER NOT NULL REFERENCES cases(seq),
                    at REAL NOT NULL,
                    final_code TEXT NOT NULL,
                    rule TEXT NOT NULL,
                    finalised_by TEXT NOT NULL
                );
                CREATE INDEX finalisations_case ON finalisations(case_seq);

                UPDATE cases SET last_outcome =
                    (SELECT a.outcome FROM attempts a WHERE a.case_seq = cases.seq ORDER BY a.number DESC LIMIT 1);
                """)
            let open = try Row.fetchAll(db, sql: "SELECT * FROM cases WHERE final_code IS NULL").map(CaseRow.init)
            let update = try db.makeStatement(sql: "UPDATE cases SET interim_code = ? WHERE seq = ?")
            for row in open {
                try update.execute(arguments: [row.interim.disposition.code, row.seq])
            }
        }
        // Ids differing only in letter case are refused at import (they collide as file names on
        // case-insensitive file systems); this index makes that check a seek.
        migrator.registerMigration("case-id-nocase-index") { db in
            try db.execute(sql: "CREATE INDEX IF NOT EXISTS cases_id_nocase ON cases(id COLLATE NOCASE)")
        }
        // Survey weights (`fieldwork weight`, docs/weighting.md): one row per weighting run with its
        // settings and time, and the latest run's weight per complete.
        migrator.registerMigration("weights") { db in
            try db.execute(sql: """
                CREATE TABLE weighting_runs (
                    id INTEGER PRIMARY KEY,
                    at REAL NOT NULL,
                    margins_file TEXT NOT NULL,
                    margins TEXT NOT NULL,
                    base_field TEXT,
                    cap REAL,
                    tolerance REAL NOT NULL,
                    max_iterations INTEGER NOT NULL,
                    iterations INTEGER NOT NULL,
                    converged INTEGER NOT NULL,
                    trim_rounds INTEGER NOT NULL,
                    trimmed_cases INTEGER NOT NULL,
                    cases INTEGER NOT NULL,
                    design_effect REAL NOT NULL
                );
                CREATE TABLE weights (
                    case_seq INTEGER PRIMARY KEY REFERENCES cases(seq),
                    weight REAL NOT NULL,
                    run_id INTEGER NOT NULL REFERENCES weighting_runs(id)
                );
                """)
        }
        // Preload values (`fieldwork cases preload`, docs/case-management.md): a previous wave's values
        // per case by the questionnaire's preload name, read into the interview as `preload.name`.
        migrator.registerMigration("preload") { db in
            try db.execute(sql: """
                CREATE TABLE preload_values (
                    case_seq INTEGER NOT NULL REFERENCES cases(seq),
                    name TEXT NOT NULL,
                    value TEXT NOT NULL,
                    source TEXT NOT NULL,
                    loaded_at REAL NOT NULL,
                    PRIMARY KEY (case_seq, name)
                );
                """)
        }
        // Case administration (`fieldwork cases release|reopen|correct|assign`, docs/case-management.md):
        // one row per supervisor's change with who, when, why and the case before and after. Rows are
        // only ever added: the triggers refuse updates and deletes, so the trail cannot be rewritten.
        migrator.registerMigration("case-audit") { db in
            try db.execute(sql: """
                CREATE TABLE case_audit (
                    id INTEGER PRIMARY KEY,
                    case_seq INTEGER NOT NULL REFERENCES cases(seq),
                    at REAL NOT NULL,
                    by TEXT NOT NULL,
                    action TEXT NOT NULL,
                    reason TEXT NOT NULL,
                    before TEXT NOT NULL,
                    after TEXT NOT NULL
                );
                CREATE INDEX case_audit_case ON case_audit(case_seq, id);
                CREATE TRIGGER case_audit_no_update BEFORE UPDATE ON case_audit
                BEGIN SELECT RAISE(ABORT, 'case_audit is append-only: audit rows cannot be changed'); END;
                CREATE TRIGGER case_audit_no_delete BEFORE DELETE ON case_audit
                BEGIN SELECT RAISE(ABORT, 'case_audit is append-only: audit rows cannot be deleted'); END;
                """)
        }
        // Sample release in replicates (`fieldwork cases import --replicate N`, `cases release --replicate N`):
        // a case's replicate (NULL when imported without one) and whether it has been released. Cases
        // stored before this migration were all offered, so they are released.
        migrator.registerMigration("replicates") { db in
            try db.execute(sql: """
                ALTER TABLE cases ADD COLUMN replicate INTEGER;
                ALTER TABLE cases ADD COLUMN released INTEGER NOT NULL DEFAULT 1;
                CREATE INDEX cases_replicate ON cases(replicate, released) WHERE replicate IS NOT NULL;
                CREATE TABLE replicate_releases (
                    id INTEGER PRIMARY KEY,
                    replicate INTEGER NOT NULL,
                    at REAL NOT NULL,
                    by TEXT NOT NULL,
                    reason TEXT NOT NULL,
                    cases INTEGER NOT NULL
                );
                CREATE TRIGGER replicate_releases_no_update BEFORE UPDATE ON replicate_releases
                BEGIN SELECT RAISE(ABORT, 'replicate_releases is append-only'); END;
                CREATE TRIGGER replicate_releases_no_delete BEFORE DELETE ON replicate_releases
                BEGIN SELECT RAISE(ABORT, 'replicate_releases is append-only'); END;
                """)
        }
        // Interviewer states (`fieldwork session` writes them, `fieldwork supervise` reads them): one
        // row per change of state, only ever added. `case_id` is the case held, if any.
        migrator.registerMigration("interviewer-states") { db in
            try db.execute(sql: """
                CREATE TABLE interviewer_states (
                    id INTEGER PRIMARY KEY,
                    interviewer TEXT NOT NULL,
                    state TEXT NOT NULL,
                    at REAL NOT NULL,
                    case_id TEXT,
                    session TEXT NOT NULL
                );
                CREATE INDEX interviewer_states_at ON interviewer_states(at);
                CREATE INDEX interviewer_states_who ON interviewer_states(interviewer, id);
                CREATE INDEX attempts_at ON attempts(at);
                CREATE TRIGGER interviewer_states_no_update BEFORE UPDATE ON interviewer_states
                BEGIN SELECT RAISE(ABORT, 'interviewer_states is append-only'); END;
                CREATE TRIGGER interviewer_states_no_delete BEFORE DELETE ON interviewer_states
                BEGIN SELECT RAISE(ABORT, 'interviewer_states is append-only'); END;
                """)
        }
        return migrator
    }
}
