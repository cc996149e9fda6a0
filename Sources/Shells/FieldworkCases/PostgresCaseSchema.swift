/// The case store's tables on PostgreSQL, in the survey's own schema (beside the journal's
/// `events`): the same columns as `CaseDatabaseSchema` on SQLite, with times kept as seconds since
/// 1970 in `float8` so both stores hold the same instants to the same precision.
enum PostgresCaseSchema {
    /// Checks a schema name is plain (`[a-z][a-z0-9_]{0,39}`, as `PostgresSurveySchema` requires),
    /// since it is written into SQL as an identifier.
    static func checkedName(_ name: String) throws -> String {
        let bytes = Array(name.utf8)
        let plain = !bytes.isEmpty && bytes.count <= 40 && (97...122).contains(bytes[0])
            && bytes.allSatisfy { (97...122).contains($0) || (48...57).contains($0) || $0 == UInt8(ascii: "_") }
        guard plain, !name.hasPrefix("pg_"), name != "public", name != "information_schema" else {
            throw CaseStoreError.invalidConfiguration(
                "\"\(name)\" cannot name a survey on PostgreSQL: use 1–40 lowercase letters, digits and _, starting with a letter")
        }
        return name
    }

    /// Tables whose rows are only ever added: a trigger refuses UPDATE, DELETE and TRUNCATE, even to their owner.
    static let appendOnly = ["case_audit", "replicate_releases", "interviewer_states"]

    /// The table created last by `script`: a store without it is missing some tables (made by an
    /// earlier version) and the script runs again.
    static let newestTable = "weights"

    /// Creates the tables when missing (idempotent).
    static func script(schema s: String) -> String {
        """
        CREATE SCHEMA IF NOT EXISTS "\(s)";
        CREATE TABLE IF NOT EXISTS "\(s)".cases (
            seq bigserial PRIMARY KEY,
            id text NOT NULL UNIQUE,
            fields text NOT NULL,
            status text NOT NULL,
            final_code text,
            tier integer,
            queue integer,
            due_at float8 NOT NULL DEFAULT 0,
            next_eligible_at float8 NOT NULL DEFAULT 0,
            tried_parts integer NOT NULL DEFAULT 0,
            attempts integer NOT NULL DEFAULT 0,
            ever_eligible boolean NOT NULL DEFAULT false,
            soft_refusals integer NOT NULL DEFAULT 0,
            withheld boolean NOT NULL DEFAULT false,
            lease_holder text,
            lease_expires float8,
            appointment_id bigint,
            imported_at float8 NOT NULL,
            import_source text NOT NULL,
            last_outcome text,
            interim_code text,
            replicate integer,
            released boolean NOT NULL DEFAULT true
        );
        CREATE INDEX IF NOT EXISTS cases_pick ON "\(s)".cases (queue, next_eligible_at, seq) WHERE queue IS NOT NULL;
        CREATE INDEX IF NOT EXISTS cases_id_lower ON "\(s)".cases (lower(id));
        CREATE TABLE IF NOT EXISTS "\(s)".attempts (
            case_seq bigint NOT NULL REFERENCES "\(s)".cases (seq),
            number integer NOT NULL,
            at float8 NOT NULL,
            interviewer text NOT NULL,
            outcome text NOT NULL,
            note text NOT NULL DEFAULT '',
            part_of_day text NOT NULL,
            resulting_status text NOT NULL,
            final_code text,
            disposition_rule text,
            PRIMARY KEY (case_seq, number)
        );
        CREATE TABLE IF NOT EXISTS "\(s)".appointments (
            id bigserial PRIMARY KEY,
            case_seq bigint NOT NULL REFERENCES "\(s)".cases (seq),
            kind text NOT NULL,
            start_local text NOT NULL,
            end_local text,
            time_zone text,
            at float8 NOT NULL,
            until float8 NOT NULL,
            set_by text NOT NULL,
            set_at float8 NOT NULL,
            active boolean NOT NULL
        );
        CREATE INDEX IF NOT EXISTS appointments_case ON "\(s)".appointments (case_seq);
        CREATE INDEX IF NOT EXISTS appointments_active_at ON "\(s)".appointments (at) WHERE active;
        CREATE TABLE IF NOT EXISTS "\(s)".finalisations (
            id bigserial PRIMARY KEY,
            case_seq bigint NOT NULL REFERENCES "\(s)".cases (seq),
            at float8 NOT NULL,
            final_code text NOT NULL,
            rule text NOT NULL,
            finalised_by text NOT NULL
        );
        CREATE TABLE IF NOT EXISTS "\(s)".case_meta (key text PRIMARY KEY, value text NOT NULL);
        CREATE INDEX IF NOT EXISTS attempts_at ON "\(s)".attempts (at);
        CREATE TABLE IF NOT EXISTS "\(s)".quota_completes (
            rule text NOT NULL,
            cell text NOT NULL,
            completes integer NOT NULL,
            PRIMARY KEY (rule, cell)
        );
        CREATE TABLE IF NOT EXISTS "\(s)".preload_values (
            case_seq bigint NOT NULL REFERENCES "\(s)".cases (seq),
            name text NOT NULL,
            value text NOT NULL,
            source text NOT NULL,
            loaded_at float8 NOT NULL,
            PRIMARY KEY (case_seq, name)
        );
        CREATE TABLE IF NOT EXISTS "\(s)".case_audit (
            id bigserial PRIMARY KEY,
            case_seq bigint NOT NULL REFERENCES "\(s)".cases (seq),
            at float8 NOT NULL,
            "by" text NOT NULL,
            action text NOT NULL,
            reason text NOT NULL,
            "before" text NOT NULL,
            "after" text NOT NULL
        );
        CREATE INDEX IF NOT EXISTS case_audit_case ON "\(s)".case_audit (case_seq, id);
        CREATE TABLE IF NOT EXISTS "\(s)".replicate_releases (
            id bigserial PRIMARY KEY,
            replicate integer NOT NULL,
            at float8 NOT NULL,
            "by" text NOT NULL,
            reason text NOT NULL,
            cases integer NOT NULL
        );
        CREATE TABLE IF NOT EXISTS "\(s)".interviewer_states (
            id bigserial PRIMARY KEY,
            interviewer text NOT NULL,
            state text NOT NULL,
            at float8 NOT NULL,
            case_id text,
            session text NOT NULL
        );
        CREATE INDEX IF NOT EXISTS interviewer_states_at ON "\(s)".interviewer_states (at);
        CREATE INDEX IF NOT EXISTS interviewer_states_who ON "\(s)".interviewer_states (interviewer, id);
        CREATE TABLE IF NOT EXISTS "\(s)".weighting_runs (
            id bigserial PRIMARY KEY,
            at float8 NOT NULL,
            margins_file text NOT NULL,
            margins text NOT NULL,
            base_field text,
            cap float8,
            tolerance float8 NOT NULL,
            max_iterations integer NOT NULL,
            iterations integer NOT NULL,
            converged boolean NOT NULL,
            trim_rounds integer NOT NULL,
            trimmed_cases integer NOT NULL,
            cases integer NOT NULL,
            design_effect float8 NOT NULL
        );
        CREATE TABLE IF NOT EXISTS "\(s)".weights (
            case_seq bigint PRIMARY KEY REFERENCES "\(s)".cases (seq),
            weight float8 NOT NULL,
            run_id bigint NOT NULL REFERENCES "\(s)".weighting_runs (id)
        );
        CREATE OR REPLACE FUNCTION "\(s)".case_rows_append_only() RETURNS trigger LANGUAGE plpgsql AS $guard$
        BEGIN
            RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
                USING HINT = 'rows of the audit trail, replicate releases and interviewer states are only ever added';
        END
        $guard$;
        \(appendOnly.map { table in """
        DROP TRIGGER IF EXISTS \(table)_no_change ON "\(s)".\(table);
        CREATE TRIGGER \(table)_no_change BEFORE UPDATE OR DELETE ON "\(s)".\(table)
            FOR EACH ROW EXECUTE FUNCTION "\(s)".case_rows_append_only();
        DROP TRIGGER IF EXISTS \(table)_no_truncate ON "\(s)".\(table);
        CREATE TRIGGER \(table)_no_truncate BEFORE TRUNCATE ON "\(s)".\(table)
            FOR EACH STATEMENT EXECUTE FUNCTION "\(s)".case_rows_append_only();
        """ }.joined(separator: "\n"))
        """
    }
}
