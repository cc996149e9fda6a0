import FieldworkCases
import FieldworkPostgres

/// Creates a survey's schema, tables and roles, and grants each role only what it needs. Run by a
/// database owner or administrator (`fieldwork store roles --store URL --survey NAME`); running it
/// again changes nothing and puts back any right that was widened by hand.
public enum PostgresSurveySetup {
    /// Creates what is missing and (re)sets the grants.
    public static func run(on connection: PostgresConnection, schema: PostgresSurveySchema) throws {
        try connection.transaction { connection in
            try connection.executeScript(tablesScript(schema))
            try connection.executeScript(PostgresCaseStore.tablesScript(schema: schema.name))
            try connection.executeScript(rolesScript(schema))
            try connection.executeScript(grantsScript(schema))
        }
    }

    /// Creates the survey's schema, journal tables and case tables when missing, without roles or
    /// grants: what `fieldwork init --store` does as the role that runs it (which then owns them).
    public static func createTables(on connection: PostgresConnection, schema: PostgresSurveySchema) throws {
        try connection.transaction { connection in
            try connection.executeScript(tablesScript(schema))
            try connection.executeScript(PostgresCaseStore.tablesScript(schema: schema.name))
        }
    }

    /// The schema and the journal's tables. Journal events are append-only twice over: no role but
    /// the owner has UPDATE or DELETE, and a trigger refuses them (and TRUNCATE) even to the owner.
    static func tablesScript(_ s: PostgresSurveySchema) -> String {
        let events = s.table("journal_events")
        let holders = s.table("journal_holders")
        let guardFunction = "\(s.quoted).\"journal_events_append_only\""
        return """
        CREATE SCHEMA IF NOT EXISTS \(s.quoted);
        CREATE TABLE IF NOT EXISTS \(events) (
            case_id text NOT NULL CHECK (case_id ~ '^[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}$'),
            seq bigint NOT NULL CHECK (seq >= 1),
            at timestamptz NOT NULL,
            kind text NOT NULL,
            line bytea NOT NULL,
            crc text NOT NULL CHECK (crc ~ '^[0-9a-f]{8}$'),
            recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
            recorded_by name NOT NULL DEFAULT current_user,
            PRIMARY KEY (case_id, seq)
        );
        CREATE TABLE IF NOT EXISTS \(holders) (
            case_id text PRIMARY KEY,
            holder text NOT NULL,
            since timestamptz NOT NULL DEFAULT now()
        );
        CREATE OR REPLACE FUNCTION \(guardFunction)() RETURNS trigger LANGUAGE plpgsql AS $guard$
        BEGIN
            RAISE EXCEPTION 'journal events are append-only: % refused', TG_OP
                USING HINT = 'a correction is a new event; recorded events are never changed or deleted';
        END
        $guard$;
        DROP TRIGGER IF EXISTS journal_events_no_change ON \(events);
        CREATE TRIGGER journal_events_no_change BEFORE UPDATE OR DELETE ON \(events)
            FOR EACH ROW EXECUTE FUNCTION \(guardFunction)();
        DROP TRIGGER IF EXISTS journal_events_no_truncate ON \(events);
        CREATE TRIGGER journal_events_no_truncate BEFORE TRUNCATE ON \(events)
            FOR EACH STATEMENT EXECUTE FUNCTION \(guardFunction)();
        """
    }

    static func rolesScript(_ s: PostgresSurveySchema) -> String {
        let creates = PostgresSurveyRole.allCases.map { kind in
            "IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '\(s.role(kind))') THEN CREATE ROLE \(s.quotedRole(kind)) NOLOGIN; END IF;"
        }.joined(separator: "\n    ")
        return """
        DO $roles$
        BEGIN
            \(creates)
        END
        $roles$;
        """
    }

    static func grantsScript(_ s: PostgresSurveySchema) -> String {
        let interviewer = s.quotedRole(.interviewer), supervisor = s.quotedRole(.supervisor), analyst = s.quotedRole(.analyst)
        let all = [interviewer, supervisor, analyst].joined(separator: ", ")
        return """
        REVOKE ALL ON SCHEMA \(s.quoted) FROM PUBLIC;
        REVOKE ALL ON ALL TABLES IN SCHEMA \(s.quoted) FROM PUBLIC, \(all);
        REVOKE ALL ON ALL FUNCTIONS IN SCHEMA \(s.quoted) FROM PUBLIC, \(all);
        REVOKE ALL ON ALL SEQUENCES IN SCHEMA \(s.quoted) FROM PUBLIC, \(all);
        GRANT USAGE ON SCHEMA \(s.quoted) TO \(all);
        GRANT SELECT, INSERT ON \(s.table("journal_events")) TO \(interviewer), \(supervisor);
        GRANT SELECT ON \(s.table("journal_events")) TO \(analyst);
        GRANT SELECT, INSERT, UPDATE ON \(s.table("journal_holders")) TO \(interviewer), \(supervisor);
        GRANT SELECT ON \(s.table("journal_holders")) TO \(analyst);
        GRANT SELECT, UPDATE ON \(s.table("cases")) TO \(interviewer);
        GRANT SELECT, INSERT, UPDATE ON \(s.table("cases")) TO \(supervisor);
        GRANT SELECT, INSERT, UPDATE ON \(s.table("appointments")) TO \(interviewer), \(supervisor);
        GRANT SELECT, INSERT ON \(s.table("attempts")) TO \(interviewer), \(supervisor);
        GRANT SELECT ON \(s.table("finalisations")), \(s.table("case_meta")) TO \(interviewer);
        GRANT SELECT, INSERT ON \(s.table("finalisations")) TO \(supervisor);
        GRANT SELECT, INSERT, UPDATE ON \(s.table("case_meta")) TO \(supervisor);
        GRANT SELECT ON \(s.table("cases")), \(s.table("appointments")), \(s.table("attempts")),
            \(s.table("finalisations")), \(s.table("case_meta")) TO \(analyst);
        GRANT SELECT, INSERT ON \(s.table("interviewer_states")) TO \(interviewer), \(supervisor);
        GRANT SELECT ON \(s.table("preload_values")), \(s.table("case_audit")), \(s.table("replicate_releases")) TO \(interviewer);
        GRANT SELECT, INSERT, UPDATE ON \(s.table("quota_completes")) TO \(interviewer);
        GRANT SELECT, INSERT, UPDATE, DELETE ON \(s.table("quota_completes")), \(s.table("preload_values")) TO \(supervisor);
        GRANT SELECT, INSERT ON \(s.table("case_audit")), \(s.table("replicate_releases")) TO \(supervisor);
        GRANT SELECT ON \(s.table("interviewer_states")), \(s.table("preload_values")), \(s.table("case_audit")),
            \(s.table("replicate_releases")), \(s.table("quota_completes")) TO \(analyst);
        GRANT SELECT, INSERT, DELETE ON \(s.table("weighting_runs")), \(s.table("weights")) TO \(supervisor);
        GRANT SELECT ON \(s.table("weighting_runs")), \(s.table("weights")) TO \(analyst);
        GRANT USAGE ON \(s.quoted)."appointments_id_seq", \(s.quoted)."interviewer_states_id_seq" TO \(interviewer);
        GRANT USAGE ON ALL SEQUENCES IN SCHEMA \(s.quoted) TO \(supervisor);
        """
    }
}
